import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/model/canonical-json";

describe("canonical JSON", () => {
  it("does not depend on key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
  });

  it("writes dates as ISO strings and drops undefined fields", () => {
    expect(canonicalJson({ at: new Date("2026-01-02T03:04:05.678Z"), gone: undefined })).toBe(
      '{"at":"2026-01-02T03:04:05.678Z"}',
    );
  });
});
