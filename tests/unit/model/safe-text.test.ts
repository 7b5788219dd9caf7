import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/model/errors";
import { assertSafeJson, findUnsafeText, safeText, unsafeTextProblem } from "@/lib/model/safe-text";

describe("unsafeTextProblem", () => {
  it("accepts ordinary text, emoji (paired surrogates) and other control characters", () => {
    for (const text of ["", "hello", "où est ma commande 🚚", "tab\tand\nnewline", "\uD83D\uDE00"]) {
      expect(unsafeTextProblem(text), JSON.stringify(text)).toBeNull();
    }
  });

  it("refuses NUL and unpaired surrogates anywhere in the string", () => {
    expect(unsafeTextProblem("a\u0000b")).toMatch(/NUL/);
    for (const text of ["\uD800", "x\uD83D", "\uDE00x", "\uDE00\uD83D", "\uD83D\uD83D\uDE00"]) {
      expect(unsafeTextProblem(text), JSON.stringify(text)).toMatch(/surrogate/);
    }
  });
});

describe("findUnsafeText / assertSafeJson", () => {
  it("finds bad values and bad keys at any depth, with the path", () => {
    expect(findUnsafeText({ a: [1, "ok", { b: "x\u0000" }] })).toEqual({
      path: "body.a[2].b",
      problem: expect.stringMatching(/NUL/),
    });
    expect(findUnsafeText({ metadata: { "k\uD800": 1 } })?.path).toBe("a key in body.metadata");
    expect(findUnsafeText({ a: 1, b: [true, null, "fine"] })).toBeNull();
  });

  it("throws a 400 AppError that names the field", () => {
    const error = (() => {
      try {
        assertSafeJson(JSON.parse('{"text":"hi\\u0000"}'));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    expect((error as AppError).userMessage).toContain("body.text");
  });
});

describe("safeText", () => {
  it("is a zod string that refuses NUL and lone surrogates and keeps chaining", () => {
    const schema = safeText().trim().min(1);
    expect(schema.parse("  hi ")).toBe("hi");
    expect(schema.safeParse("hi\u0000").success).toBe(false);
    expect(schema.safeParse("\uD800").error?.issues[0]?.message).toMatch(/surrogate/);
  });
});
