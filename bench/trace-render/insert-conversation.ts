// Writes bench/trace-render.ts's generated conversation (messages, steps, spans) straight into the demo workspace's
// tables, on the published retail-support flow, in one transaction.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { TURNS } from "./config";
import { generate, type GraphNode } from "./generate-trace";

export async function insertConversation(databaseUrl: string): Promise<{ id: string; spans: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: flows } = await client.query<{
      workspaceId: string;
      flowId: string;
      versionId: string;
      graph: { nodes: GraphNode[] };
    }>(
      `SELECT f."workspaceId", f.id AS "flowId", v.id AS "versionId", v.graph
         FROM "Flow" f JOIN "FlowVersion" v ON v.id = f."publishedVersionId"
        WHERE f.slug = 'retail-support' LIMIT 1`,
    );
    if (!flows[0]) throw new Error("The demo's retail-support flow is not published in this database.");
    const { workspaceId, flowId, versionId, graph } = flows[0];
    const id = `bench-trace-${randomUUID().slice(0, 8)}`;
    const started = new Date(Date.now() - 3_600_000);
    const { spans, steps, messages } = generate(graph.nodes, started);
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "Conversation" (id, "workspaceId", "flowId", "flowVersionId", channel, status, state, runtime, "eventCount", "startedAt", "updatedAt", "endedAt")
       VALUES ($1, $2, $3, $4, 'web', 'resolved', '{}', '{}', $5, $6, now(), now())`,
      [id, workspaceId, flowId, versionId, TURNS, started],
    );
    for (const [i, m] of messages.entries()) {
      await client.query(
        `INSERT INTO "Message" (id, "conversationId", seq, role, author, text, "createdAt") VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [`${id}-m${i}`, id, i + 1, m.role, m.author, m.text, m.at],
      );
    }
    for (const s of steps) {
      await client.query(
        `INSERT INTO "Step" (id, "conversationId", "eventId", turn, seq, attempts, "nodeId", "nodeKind", status, input, output, "startedAt", "endedAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'completed', $9, $10, $11, $12)`,
        [
          s.id,
          id,
          s.eventId,
          s.turn,
          s.seq,
          s.attempts,
          s.node.id,
          s.node.kind,
          JSON.stringify({ text: "where is my order" }),
          JSON.stringify(s.output),
          s.startedAt,
          new Date(s.startedAt.getTime() + s.durationMs),
        ],
      );
    }
    for (const s of spans) {
      await client.query(
        `INSERT INTO "Span" (id, "workspaceId", "conversationId", "eventId", "parentId", "stepId", kind, name, status, "startedAt", "durationMs", input, output, error, attributes, "tokensIn", "tokensOut", "costUsd")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
        [
          s.id,
          workspaceId,
          id,
          s.eventId,
          s.parentId,
          s.stepId,
          s.kind,
          s.name,
          s.status,
          s.startedAt,
          s.durationMs,
          s.input === null ? null : JSON.stringify(s.input),
          s.output === null ? null : JSON.stringify(s.output),
          s.error,
          s.attributes === null ? null : JSON.stringify(s.attributes),
          s.tokensIn,
          s.tokensOut,
          s.costUsd,
        ],
      );
    }
    await client.query("COMMIT");
    return { id, spans: spans.length };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
