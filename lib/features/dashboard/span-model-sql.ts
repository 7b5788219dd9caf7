// Which model an llm span counts under, as SQL over a "Span" row: calls the offline stand-in served count as
// "offline" with no tokens, including spans written before the engine named them so (then under the node's
// configured model, with tokens guessed from characters), so the dashboard never shows them as real model usage.
import { OFFLINE_MODEL } from "@/lib/model/flow/model-spec";

const offline = (alias: string) => `${alias}.attributes->>'provider' = '${OFFLINE_MODEL}'`;

export const spanModelSql = (alias: string) =>
  `CASE WHEN ${offline(alias)} THEN '${OFFLINE_MODEL}' ELSE COALESCE(${alias}.attributes->>'model', ${alias}.name) END`;

/** A token or cost column of the span, 0 for the stand-in. */
export const spanUsageSql = (alias: string, column: '"tokensIn"' | '"tokensOut"' | '"costUsd"') =>
  `CASE WHEN ${offline(alias)} THEN 0 ELSE COALESCE(${alias}.${column}, 0) END`;
