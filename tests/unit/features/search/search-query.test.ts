import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/model/errors";
import { parseSearchQuery, searchParam } from "@/lib/features/search/search-query";

describe("parseSearchQuery", () => {
  it("trims and tells order numbers and e-mail addresses from free text", () => {
    expect(parseSearchQuery("  A1002 ")).toEqual({ text: "A1002", kind: "order" });
    expect(parseSearchQuery("jane.doe@example.com")).toEqual({ text: "jane.doe@example.com", kind: "email" });
    expect(parseSearchQuery("where is my parcel")).toEqual({ text: "where is my parcel", kind: "text" });
    expect(parseSearchQuery("jane@")).toEqual({ text: "jane@", kind: "text" });
  });

  it("rejects a query that is too short or too long with a clear message", () => {
    const failure = (raw: unknown) => {
      try {
        parseSearchQuery(raw);
      } catch (error) {
        return error as AppError;
      }
      throw new Error("expected a rejection");
    };
    expect(failure(" a ")).toMatchObject({ code: "VALIDATION", userMessage: "Type at least 2 characters to search." });
    expect(failure("x".repeat(201))).toMatchObject({
      code: "VALIDATION",
      userMessage: "A search can be at most 200 characters.",
    });
    expect(failure(42)).toBeInstanceOf(AppError);
  });
});

describe("searchParam", () => {
  it("reads q from a page URL: the query, the reason it was ignored, or nothing", () => {
    expect(searchParam({ q: " refund " })).toEqual({ q: "refund" });
    expect(searchParam(new URLSearchParams("q=x"))).toEqual({ error: "Type at least 2 characters to search." });
    expect(searchParam({ q: "  " })).toEqual({});
    expect(searchParam({})).toEqual({});
  });
});
