import { createHash } from "node:crypto";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/model/canonical-json";
import { csvChunk, jsonChunk, type ExportableEntry } from "@/lib/features/audit/export-format";

const entry = (over: Partial<ExportableEntry> = {}): ExportableEntry => ({
  id: BigInt(42),
  workspaceId: "ws-1",
  at: new Date("2026-11-21T10:00:00.000Z"),
  actorType: "user",
  actorId: "u1",
  actorLabel: "ada@example.test",
  action: "flow.published",
  resourceType: "flow",
  resourceId: "f1",
  before: null,
  after: { name: 'Refunds, "fast"\nlane' },
  metadata: null,
  prevHash: "0".repeat(64),
  hash: "ab".repeat(32),
  ...over,
});

describe("exporting audit entries", () => {
  it("writes CSV that parses back to the same values, with the hashes", () => {
    const text = csvChunk([entry()], true) + csvChunk([entry({ id: "41" })], false);
    const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(2);
    expect(parsed.data[0]).toMatchObject({
      id: "42",
      at: "2026-11-21T10:00:00.000Z",
      before: "",
      prevHash: "0".repeat(64),
      hash: "ab".repeat(32),
    });
    expect(JSON.parse(parsed.data[0].after)).toEqual({ name: 'Refunds, "fast"\nlane' });
  });

  it("defuses cells a spreadsheet would run as formulas, line breaks included", () => {
    const text = csvChunk(
      [entry({ actorLabel: '=HYPERLINK("x")', resourceId: "+1", action: "@sum", actorId: "-2\nx" })],
      false,
    );
    const [row] = Papa.parse<string[]>(text.trim()).data;
    expect(row[3]).toBe("'-2\nx");
    expect(row[4]).toBe('\'=HYPERLINK("x")');
    expect(row[5]).toBe("'@sum");
    expect(row[7]).toBe("'+1");
  });

  it("writes a JSON array whose rows can be re-hashed offline", () => {
    const text = `[\n${jsonChunk([entry()], true)}${jsonChunk([entry({ id: "41" })], false)}\n]\n`;
    const rows = JSON.parse(text);
    expect(rows.map((r: { id: string }) => r.id)).toEqual(["42", "41"]);
    const { id: _id, prevHash, hash: _hash, ...fields } = rows[0];
    const recomputed = createHash("sha256")
      .update(prevHash)
      .update(canonicalJson({ ...fields, at: new Date(fields.at) }))
      .digest("hex");
    expect(recomputed).toHaveLength(64);
  });
});

describe("canonical JSON for hashing", () => {
  it("honours toJSON like the jsonb column does, and drops functions", () => {
    const withToJson = { toJSON: () => ({ b: 1, a: 2 }) };
    expect(canonicalJson({ x: withToJson, f: () => 1 })).toBe(
      canonicalJson(JSON.parse(JSON.stringify({ x: withToJson, f: () => 1 }))),
    );
  });
});
