// The pure half of verifying the audit chain: checking one entry against the one before it, and turning the result
// into what a workspace's auditor may see. No database here, so it is unit-tested directly.
import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/model/canonical-json";

export const GENESIS_HASH = "0".repeat(64);

/** The columns an entry's hash covers, in one place for writing and for verifying the chain. */
export type HashedAuditFields = {
  workspaceId: string | null;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  before: unknown;
  after: unknown;
  metadata: unknown;
};

export function hashedAuditFields(row: HashedAuditFields): HashedAuditFields {
  const { workspaceId, at, actorType, actorId, actorLabel, action, resourceType, resourceId, before, after, metadata } =
    row;
  return { workspaceId, at, actorType, actorId, actorLabel, action, resourceType, resourceId, before, after, metadata };
}

export function hashAuditEntry(prevHash: string, fields: HashedAuditFields): string {
  return createHash("sha256")
    .update(prevHash)
    .update(canonicalJson(hashedAuditFields(fields)))
    .digest("hex");
}

/** A stored row as the verifier reads it. */
export type ChainRow = HashedAuditFields & { id: bigint; prevHash: string; hash: string };

/**
 * - start: the first entry does not start from the genesis hash (the oldest entries were deleted, or its link edited);
 * - link: an entry does not carry the previous entry's hash (an entry was deleted or inserted before it);
 * - content: an entry's stored fields no longer produce its stored hash (it was edited).
 */
export type ChainBreakKind = "start" | "link" | "content";

export type ChainBreak = {
  kind: ChainBreakKind;
  entryId: bigint;
  workspaceId: string | null;
  /** The entry the chain was intact up to; null when the break is at the first entry. */
  previousEntryId: bigint | null;
  expectedHash: string;
  foundHash: string;
};

/** Where the walk stands after the last entry it accepted. */
export type ChainCursor = { lastId: bigint | null; lastHash: string };

export const CHAIN_START: ChainCursor = { lastId: null, lastHash: GENESIS_HASH };

/** Checks one entry against the cursor; null when it continues the chain. The link is checked before the content. */
export function checkChainRow(cursor: ChainCursor, row: ChainRow): ChainBreak | null {
  const base = { entryId: row.id, workspaceId: row.workspaceId, previousEntryId: cursor.lastId };
  if (row.prevHash !== cursor.lastHash) {
    return {
      ...base,
      kind: cursor.lastId === null ? "start" : "link",
      expectedHash: cursor.lastHash,
      foundHash: row.prevHash,
    };
  }
  const recomputed = hashAuditEntry(row.prevHash, row);
  if (recomputed !== row.hash) return { ...base, kind: "content", expectedHash: recomputed, foundHash: row.hash };
  return null;
}

export type ChainVerification = {
  /** Entries checked, across every workspace (the chain is one chain for the whole table). */
  checked: number;
  /** Of those, the entries of the workspace that asked. */
  checkedInWorkspace: number;
  lastEntryId: bigint | null;
  lastEntryIdInWorkspace: bigint | null;
  break: ChainBreak | null;
};

/**
 * What the console shows a workspace: counts and entry ids of its own entries only (the instance-wide count would tell
 * one tenant how busy the others are), and details of a break only when the broken entry is its own.
 */
export type ChainReport =
  | { intact: true; checked: number; lastEntryId: string | null; message: string }
  | {
      intact: false;
      /** Entries of the viewer's workspace checked before the break. */
      checked: number;
      kind: ChainBreakKind;
      entryId: string;
      /** False when the broken entry belongs to another workspace: only its id is shown. */
      inWorkspace: boolean;
      previousEntryId: string | null;
      expectedHash: string | null;
      foundHash: string | null;
      message: string;
    };

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

export function chainReport(result: ChainVerification, workspaceId: string): ChainReport {
  const checked = result.checkedInWorkspace;
  const counted = `${plural(checked, "entry", "entries")} of this workspace checked`;
  if (!result.break) {
    return {
      intact: true,
      checked,
      lastEntryId: result.lastEntryIdInWorkspace?.toString() ?? null,
      message: `Chain intact: ${counted}.`,
    };
  }
  const b = result.break;
  const id = b.entryId.toString();
  const inWorkspace = b.workspaceId === workspaceId;
  const where = inWorkspace ? `entry #${id}` : `an entry outside this workspace, id ${id}`;
  const after = b.previousEntryId === null || !inWorkspace ? "" : ` (intact up to entry #${b.previousEntryId})`;
  const what: Record<ChainBreakKind, string> = {
    content: `its content was changed after it was written: its stored fields no longer produce its hash`,
    link: `it does not carry the hash of the entry before it: an entry was deleted or inserted just before it, or its link was edited`,
    start: `the chain does not start from the beginning: the oldest entries were deleted, or the first entry's link was edited`,
  };
  return {
    intact: false,
    checked,
    kind: b.kind,
    entryId: id,
    inWorkspace,
    previousEntryId: inWorkspace ? (b.previousEntryId?.toString() ?? null) : null,
    expectedHash: inWorkspace ? b.expectedHash : null,
    foundHash: inWorkspace ? b.foundHash : null,
    message: `Chain broken at ${where}${after}: ${what[b.kind]}. ${counted} before the break.`,
  };
}
