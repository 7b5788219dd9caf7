// The console's search box: what a query string may be and what shape it has. Pure (the filter bars and the pages
// parse the URL with it); lib/features/search/conversation-search.ts turns a parsed query into SQL.
import { z } from "zod";
import { AppError } from "@/lib/model/errors";

export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 200;

export const searchQuerySchema = z
  .string()
  .trim()
  .min(SEARCH_MIN_LENGTH, `Type at least ${SEARCH_MIN_LENGTH} characters to search.`)
  .max(SEARCH_MAX_LENGTH, `A search can be at most ${SEARCH_MAX_LENGTH} characters.`);

/**
 * order: looks like an order number (A1002, ORD-77): matches that order's customer exactly, besides transcripts.
 * email: a whole address: matches the customer with exactly that address (any case), besides transcripts.
 * text: anything else: part of a customer's name, e-mail or number, or of any message in the transcript.
 */
export type SearchKind = "order" | "email" | "text";
export type SearchQuery = { text: string; kind: SearchKind };

const ORDER_NUMBER = /^[A-Za-z]{1,4}-?\d{3,}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function kindOf(text: string): SearchKind {
  if (ORDER_NUMBER.test(text)) return "order";
  if (EMAIL.test(text)) return "email";
  return "text";
}

/** A valid query, or an AppError (VALIDATION) whose message says what is wrong. */
export function parseSearchQuery(raw: unknown): SearchQuery {
  const parsed = searchQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "This search is not valid.";
    throw new AppError("VALIDATION", { userMessage: message, fieldErrors: { q: [message] } });
  }
  return { text: parsed.data, kind: kindOf(parsed.data) };
}

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * `q` from a page's URL: the valid query, or the reason it was ignored (so the page can say why the list is
 * unfiltered), or neither when there is no search.
 */
export function searchParam(params: SearchParams | URLSearchParams): { q?: string; error?: string } {
  const value = params instanceof URLSearchParams ? params.get("q") : params.q;
  const raw = (Array.isArray(value) ? value[0] : value) ?? "";
  if (raw.trim() === "") return {};
  try {
    return { q: parseSearchQuery(raw).text };
  } catch (error) {
    return { error: error instanceof AppError ? error.userMessage : "This search is not valid." };
  }
}
