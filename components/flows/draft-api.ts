// Every call the editor makes to the server, in one place: the server actions of
// lib/features/flows/draft-actions.ts, re-typed for the editor and never throwing (a network failure becomes
// an { ok: false } result like any other).
"use client";
import {
  publishFlowAction,
  saveDraftAction,
  sendDraftTestMessageAction,
  startDraftTestAction,
} from "@/lib/features/flows/draft-actions";
import type { PublishGateStatus } from "@/lib/features/flows/gate-decision";
import type { FlowGraph } from "@/lib/model/flow/schema";

export type ApiResult<T> =
  { ok: true; data: T } | { ok: false; message: string; code: string; fieldErrors?: Record<string, string[]> };
export type TestMessage = { id: string; role: string; author: string | null; text: string; offline?: boolean };
export type TestStep = {
  nodeId: string;
  nodeKind: string;
  turn: number;
  seq: number;
  status: string;
  error: string | null;
};

async function call<T>(run: () => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
  try {
    return await run();
  } catch (error) {
    return {
      ok: false,
      code: "NETWORK",
      message:
        error instanceof Error ? `Could not reach the server (${error.message}).` : "Could not reach the server.",
    };
  }
}

export function saveDraft(input: {
  flowId: string;
  baseRevision: number;
  graph: FlowGraph;
}): Promise<ApiResult<{ revision: number; savedAt: string }>> {
  return call(() => saveDraftAction(input));
}

export function publishFlow(input: {
  flowId: string;
  baseRevision: number;
  note: string;
  override?: { reason: string };
}): Promise<ApiResult<{ versionId: string; number: number; overridden: boolean }>> {
  return call(() => publishFlowAction(input));
}

/** The test suites' publish gates for a saved draft revision (app/api/console/flows/[flowId]/publish-gates). */
export function fetchPublishGates(input: { flowId: string; revision: number }): Promise<ApiResult<PublishGateStatus>> {
  return call(async () => {
    const response = await fetch(
      `/api/console/flows/${encodeURIComponent(input.flowId)}/publish-gates?revision=${input.revision}`,
      { cache: "no-store" },
    );
    const body = (await response.json().catch(() => null)) as
      (PublishGateStatus & { error?: { code: string; message: string } }) | null;
    if (response.ok && body) return { ok: true, data: body };
    return {
      ok: false,
      code: body?.error?.code ?? "NETWORK",
      message: body?.error?.message ?? `The server answered ${response.status}.`,
    };
  });
}

export function startDraftTest(input: {
  flowId: string;
  baseRevision: number;
}): Promise<ApiResult<{ conversationId: string; messages: TestMessage[] }>> {
  return call(() => startDraftTestAction(input));
}

export function sendDraftTestMessage(input: {
  flowId: string;
  conversationId: string;
  text: string;
}): Promise<
  ApiResult<{ status: string; turn: number; replies: TestMessage[]; steps: TestStep[]; failureReason?: string | null }>
> {
  return call(() => sendDraftTestMessageAction(input));
}
