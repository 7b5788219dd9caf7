// What bench:engine's turns go through, read from the database rather than assumed: the published version of the
// flow the customers talk to, and whether its start node checks interruptions (and changes of request) on every
// message, which every turn's figure then includes.
import pg from "pg";
import { mainRouter, needsInterruptionModel } from "@/lib/model/flow/interruptions";
import { flowGraphSchema } from "@/lib/model/flow/schema";
import { FLOW_SLUG } from "./config";

export async function describeFlowUnderTest(db: pg.Client, apiKey: string): Promise<string> {
  const { rows } = await db.query<{ id: string; number: number | null; graph: unknown }>(
    `SELECT v.id, v.number, v.graph FROM "ApiKey" k
     JOIN "Flow" f ON f."workspaceId" = k."workspaceId" AND f.slug = $2
     JOIN "FlowVersion" v ON v.id = f."publishedVersionId"
     WHERE k.hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
    [apiKey, FLOW_SLUG],
  );
  if (rows.length !== 1) throw new Error(`The bench's workspace has no published "${FLOW_SLUG}" flow.`);
  const version = rows[0];
  const graph = flowGraphSchema.parse(version.graph);
  const start = graph.nodes.find((n) => n.kind === "start");
  const flow = `${FLOW_SLUG} v${version.number}`;
  const config = start?.kind === "start" ? start.config.interruptions : null;
  if (!start || !config || config.routes.length === 0)
    return `${flow}: interruptions OFF (its start node has no interruption routes)`;
  const routes = `${config.routes.length} routes (${config.routes.map((r) => r.id).join(", ")})`;
  let how = `rules, ${routes}`;
  if (needsInterruptionModel(start)) {
    const model = await db.query<{ bytes: number }>(
      `SELECT octet_length(model) AS bytes FROM "IntentModel" WHERE "flowVersionId" = $1 AND "nodeId" = $2`,
      [version.id, start.id],
    );
    const size = model.rows[0] ? `${(model.rows[0].bytes / 1024).toFixed(1)} KB model` : "NO trained model";
    how = `classifier (${config.mode} mode) at ${config.threshold}, ${routes}, ${size}`;
  }
  const router = mainRouter(graph);
  const switching =
    config.switchIntents && router
      ? `change of request ON (${router.label}, ${router.config.mode} mode, ≥ ${config.switchThreshold})`
      : "change of request OFF";
  return `${flow}: interruptions ON at its start node, on every message: ${how}; mid-task ${switching}`;
}
