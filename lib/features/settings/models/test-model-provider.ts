import "server-only";
import OpenAI from "openai";
import { createOpenAIProvider, guardedProviderFetch } from "@/lib/runtime/agents/openai-provider";
import { ADDRESS_REFUSED, redactSecret, toProviderError } from "@/lib/runtime/agents/openai-errors";
import type { ProviderError } from "@/lib/runtime/agents/types";
import { decryptSecret } from "@/lib/platform/crypto/secret-box";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { allowlistFromEnv } from "@/lib/platform/net/host-allowlist";

export type ProviderTestResult = {
  ok: boolean;
  /** Safe to show: never contains the key. */
  message: string;
  latencyMs: number;
  /** How it was checked: listing models, or (when the server has no /models) a one-token chat call. */
  method: "models" | "chat";
  /** Whether the server lists the default model (null when it could not be checked). */
  defaultModelListed: boolean | null;
};

const TEST_TIMEOUT_MS = 10_000;

/**
 * Checks that a stored provider answers with its key: GET /models (cheap, no tokens), or a one-token chat call with the
 * default model when the server has no /models. Never throws for a failing provider; the result says what went wrong.
 */
export async function testModelProvider(
  tx: Tx,
  options: { workspaceId: string; id: string },
): Promise<ProviderTestResult & { name: string }> {
  const row = await tx.modelProvider.findFirst({ where: { id: options.id, workspaceId: options.workspaceId } });
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "That model provider does not exist in this workspace." });
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let apiKey: string | null = null;
  if (row.apiKeyCipher) {
    try {
      apiKey = decryptSecret(row.apiKeyCipher);
    } catch {
      return {
        name: row.name,
        ok: false,
        method: "models",
        defaultModelListed: null,
        latencyMs: 0,
        message: "The stored key cannot be decrypted (the encryption key changed). Enter the key again.",
      };
    }
  }
  const timeout = Math.min(row.timeoutMs, TEST_TIMEOUT_MS);
  const client = new OpenAI({
    baseURL: row.baseUrl,
    apiKey: apiKey ?? "no-key",
    defaultHeaders: apiKey ? undefined : { Authorization: null },
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    timeout,
    maxRetries: 0,
    logLevel: "off",
    // The same SSRF guard as real calls: the test must not send the key to, or read, an internal address.
    fetch: guardedProviderFetch(allowlistFromEnv()),
  });

  try {
    const ids: string[] = [];
    for await (const model of client.models.list()) {
      ids.push(model.id);
      if (ids.length >= 1000) break;
    }
    const listed = ids.includes(row.defaultModel);
    return {
      name: row.name,
      ok: true,
      method: "models",
      defaultModelListed: listed,
      latencyMs: elapsed(),
      message: listed
        ? `Connected: the server lists ${ids.length} model${ids.length === 1 ? "" : "s"}, including ${row.defaultModel}.`
        : `Connected, but the server does not list ${row.defaultModel} among its ${ids.length} model${ids.length === 1 ? "" : "s"}. Check the model name.`,
    };
  } catch (error) {
    const status = error instanceof OpenAI.APIError ? error.status : undefined;
    if (status !== 404 && status !== 405) {
      const problem = toProviderError(error, (text) => redactSecret(text, apiKey));
      return {
        name: row.name,
        ok: false,
        method: "models",
        defaultModelListed: null,
        latencyMs: elapsed(),
        message: explain(row.id, problem),
      };
    }
  }

  // No /models on this server: one tiny chat call with the default model instead.
  try {
    const provider = createOpenAIProvider({ baseUrl: row.baseUrl, apiKey, timeoutMs: timeout, maxRetries: 0 });
    const result = await provider.chat({
      model: row.defaultModel,
      messages: [{ role: "user", content: "Reply with OK." }],
      maxOutputTokens: 1,
    });
    return {
      name: row.name,
      ok: true,
      method: "chat",
      defaultModelListed: null,
      latencyMs: elapsed(),
      message: `Connected: ${result.model} answered.`,
    };
  } catch (error) {
    const problem = toProviderError(error, (text) => redactSecret(text, apiKey));
    return {
      name: row.name,
      ok: false,
      method: "chat",
      defaultModelListed: null,
      latencyMs: elapsed(),
      message: explain(row.id, problem),
    };
  }
}

/**
 * A short message of our own: the server's answer is never shown, because the base URL may point anywhere and its
 * body (an internal service's error page, say) is not the console's to display. The redacted detail goes to the log.
 */
function explain(providerId: string, problem: ProviderError): string {
  console.warn(`model provider ${providerId} test failed (${problem.code}): ${problem.message}`);
  if (problem.message.startsWith(ADDRESS_REFUSED)) {
    return "This base URL is not allowed: it points to a private, loopback or metadata address.";
  }
  const status = problem.status === undefined ? "" : ` (HTTP ${problem.status})`;
  switch (problem.code) {
    case "auth":
      return `The server refused the key${status}. Check the key.`;
    case "timeout":
      return "The server did not answer in time. Check the base URL and that the server is running.";
    case "connection":
      return "The server could not be reached. Check the base URL and that the server is running.";
    case "not_found":
      return `The server answered that the model or path was not found${status}. Check the base URL and the model name.`;
    default:
      return `The server answered with an error${status}.`;
  }
}
