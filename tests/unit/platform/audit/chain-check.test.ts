import { describe, expect, it } from "vitest";
import {
  CHAIN_START,
  chainReport,
  checkChainRow,
  GENESIS_HASH,
  hashAuditEntry,
  type ChainRow,
  type ChainVerification,
} from "@/lib/platform/audit/chain-check";

function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const fields = {
      workspaceId: i === 3 ? "ws-other" : "ws-1",
      at: new Date(Date.UTC(2026, 10, 21, 10, 0, i)),
      actorType: "user",
      actorId: "u1",
      actorLabel: "ada@example.test",
      action: "flow.published",
      resourceType: "flow",
      resourceId: `f${i}`,
      before: null,
      after: { version: i, tags: ["a", "b"] },
      metadata: { b: 1, a: 2 },
    };
    const hash = hashAuditEntry(prevHash, fields);
    rows.push({ ...fields, id: BigInt(i), prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

function walk(rows: ChainRow[]) {
  let cursor = CHAIN_START;
  for (const row of rows) {
    const broken = checkChainRow(cursor, row);
    if (broken) return broken;
    cursor = { lastId: row.id, lastHash: row.hash };
  }
  return null;
}

describe("checking the audit chain", () => {
  it("accepts an untouched chain", () => {
    expect(walk(chain(5))).toBeNull();
  });

  it("hashes what jsonb gives back the same as what was written (key order, dates as ISO text)", () => {
    const [row] = chain(1);
    const roundTripped = {
      ...row,
      after: JSON.parse(JSON.stringify({ tags: ["a", "b"], version: 1 })),
      metadata: { a: 2, b: 1 },
    };
    expect(checkChainRow(CHAIN_START, roundTripped)).toBeNull();
  });

  it("reports changed content at the changed entry", () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], after: { version: 99, tags: ["a", "b"] } };
    expect(walk(rows)).toMatchObject({
      kind: "content",
      entryId: BigInt(3),
      previousEntryId: BigInt(2),
      foundHash: rows[2].hash,
    });
  });

  it("reports a deleted entry at the one after it", () => {
    const rows = chain(5);
    rows.splice(2, 1);
    expect(walk(rows)).toMatchObject({
      kind: "link",
      entryId: BigInt(4),
      previousEntryId: BigInt(2),
      expectedHash: rows[1].hash,
    });
  });

  it("reports a chain that does not start at the genesis hash", () => {
    expect(walk(chain(5).slice(1))).toMatchObject({
      kind: "start",
      entryId: BigInt(2),
      previousEntryId: null,
      expectedHash: GENESIS_HASH,
    });
  });

  it("reports an entry whose content and hash were both rewritten at the entry after it", () => {
    const rows = chain(5);
    const forged = { ...rows[1], actorLabel: "mallory" };
    rows[1] = { ...forged, hash: hashAuditEntry(forged.prevHash, forged) };
    expect(walk(rows)).toMatchObject({ kind: "link", entryId: BigInt(3) });
  });
});

describe("the report an auditor sees", () => {
  const base: ChainVerification = {
    checked: 1234,
    checkedInWorkspace: 1000,
    lastEntryId: BigInt(1234),
    lastEntryIdInWorkspace: BigInt(1200),
    break: null,
  };

  it("says how many of the workspace's own entries were checked when intact, never the instance-wide count", () => {
    const report = chainReport(base, "ws-1");
    expect(report).toEqual({
      intact: true,
      checked: 1000,
      lastEntryId: "1200",
      message: "Chain intact: 1,000 entries of this workspace checked.",
    });
    expect(JSON.stringify(report)).not.toMatch(/1,?234/);
  });

  it("gives details of a break in the viewer's workspace", () => {
    const report = chainReport(
      {
        ...base,
        break: {
          kind: "content",
          entryId: BigInt(7),
          workspaceId: "ws-1",
          previousEntryId: BigInt(6),
          expectedHash: "a",
          foundHash: "b",
        },
      },
      "ws-1",
    );
    expect(report).toMatchObject({ intact: false, entryId: "7", inWorkspace: true, expectedHash: "a", foundHash: "b" });
    expect(report.message).toMatch(/^Chain broken at entry #7 \(intact up to entry #6\): its content was changed/);
  });

  it("names a broken entry of another workspace by id only", () => {
    const report = chainReport(
      {
        ...base,
        break: {
          kind: "link",
          entryId: BigInt(9),
          workspaceId: "ws-other",
          previousEntryId: BigInt(8),
          expectedHash: "a",
          foundHash: "b",
        },
      },
      "ws-1",
    );
    expect(report).toMatchObject({
      intact: false,
      entryId: "9",
      inWorkspace: false,
      expectedHash: null,
      foundHash: null,
    });
    expect(report.message).toContain("an entry outside this workspace, id 9");
    expect(report).toMatchObject({ checked: 1000, previousEntryId: null });
    expect(report.message).not.toMatch(/1,?234|#8/);
  });
});
