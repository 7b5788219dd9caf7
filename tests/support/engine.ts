// Integration tests drive the engine exactly as the chat page and the API do: through the queue, processed by the
// worker this test file's setup started on its own database (or by worker processes a test starts itself).
import { spawn, type ChildProcess } from "node:child_process";
import { db } from "@/lib/platform/db/client";
import type { EngineWorker } from "@/lib/interfaces/worker/start-worker";
import { sendCustomerMessage, type TurnResult } from "@/lib/runtime/engine/commands/send-customer-message";
import { createFlow } from "@/lib/features/flows/create-flow";
import { publishFlow } from "@/lib/features/flows/publish-flow";
import { flowGraphSchema, type FlowGraphInput } from "@/lib/model/flow/schema";
import { seedUser, seedWorkspace } from "./factories";

export async function sendTurn(options: {
  workspaceId: string;
  conversationId: string;
  text: string;
  idempotencyKey?: string;
}): Promise<TurnResult> {
  const turn = await sendCustomerMessage({
    ...options,
    actor: { type: "customer", id: null, label: "test customer" },
    waitMs: 30_000,
  });
  if (!turn.done) throw new Error(`The engine did not finish event ${turn.eventId} within 30 s`);
  return turn;
}

/** Accepts a message without waiting for the engine (the event and its job are committed). */
export async function enqueueTurn(options: {
  workspaceId: string;
  conversationId: string;
  text: string;
  idempotencyKey?: string;
}): Promise<string> {
  const turn = await sendCustomerMessage({
    ...options,
    actor: { type: "customer", id: null, label: "test customer" },
    waitMs: 0,
  });
  return turn.eventId;
}

export async function stopInProcessWorker(): Promise<void> {
  await (globalThis as { switchboardTestWorker?: EngineWorker }).switchboardTestWorker?.stop();
}

/** `npm run worker` as a child process on this test's database: what a scale-out deployment runs. */
export function spawnWorkerProcess(env: Record<string, string> = {}): ChildProcess {
  // `node --import tsx` rather than the tsx CLI, which runs the script in a grandchild that a SIGKILL would orphan.
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    env: {
      ...process.env,
      ENGINE_HEARTBEAT_MS: "300",
      ENGINE_WORKER_STALE_MS: "1500",
      ENGINE_CONCURRENCY: "4",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  (child as ChildProcess & { output: () => string }).output = () => output;
  return child;
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Start → opens a support ticket (a side effect behind the idempotency ledger) → confirms it with exact wording.
 * Every customer message therefore applies exactly one effect, which a ledger check can count.
 */
export const TICKET_FLOW: FlowGraphInput = {
  schemaVersion: 1,
  nodes: [
    {
      id: "start",
      kind: "start",
      label: "Start",
      position: { x: 0, y: 0 },
      config: { greeting: "Hi, tell me what happened." },
    },
    {
      id: "note",
      kind: "set_memory",
      label: "Note",
      position: { x: 250, y: 0 },
      config: { assignments: [{ key: "last", value: "{{text}}" }] },
    },
    {
      id: "ticket",
      kind: "tool",
      label: "Open ticket",
      position: { x: 500, y: 0 },
      config: { source: "builtin", builtin: "open_ticket", sideEffect: true },
    },
    {
      id: "confirm",
      kind: "response",
      label: "Confirm",
      position: { x: 750, y: 0 },
      config: { template: "Ticket {{state.ticket.reference}} is open." },
    },
  ],
  edges: [
    { id: "e1", source: "start", target: "note" },
    { id: "e2", source: "note", target: "ticket" },
    { id: "e3", source: "ticket", target: "confirm" },
  ],
};

/** One published flow built from `graph`, in a fresh workspace or in the given one (e.g. the demo's). */
export async function publishedFlow(graph: FlowGraphInput, slug = "under-test", into?: { workspaceId: string }) {
  const { workspace, user } = into
    ? await (async () => {
        const workspace = await db().workspace.findUniqueOrThrow({ where: { id: into.workspaceId } });
        const user = await seedUser({ workspaceId: workspace.id, role: "admin" });
        return { workspace, user };
      })()
    : await seedWorkspace({ role: "admin" });
  const parsed = flowGraphSchema.parse(graph);
  const flow = await db().$transaction((tx) =>
    createFlow(tx, { workspaceId: workspace.id, name: slug, slug, description: "", graph: parsed, userId: user.id }),
  );
  await db().$transaction(
    (tx) =>
      publishFlow(tx, {
        flowId: flow.id,
        note: "test",
        actor: { type: "user", id: user.id, label: user.name },
        userId: user.id,
      }),
    { timeout: 60_000 },
  );
  return { workspace, user, flow };
}
