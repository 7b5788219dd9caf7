// Every template of New flow, end to end: created through the create action (session mocked; defineAction, zod,
// Postgres and the audit log are real) in the demo workspace, free of validation errors, published through the
// publish action, and its own evaluation suite run by the worker against the live version, offline, passing in full.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CheckResult } from "@/lib/features/evals/expectations";
import type { Member } from "@/lib/platform/auth/current-member";
import type { FlowGraph } from "@/lib/model/flow/schema";
import { signInAs } from "@/tests/support/session-mock";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { createFlowAction } = await import("@/lib/features/flows/actions");
const { createFlowFromTemplateAction } = await import("@/lib/features/flow-templates/actions");
const { publishFlowAction, saveDraftAction } = await import("@/lib/features/flows/draft-actions");
const { createEvalRun } = await import("@/lib/features/evals/run-suite");
const { db } = await import("@/lib/platform/db/client");
const { validateFlow } = await import("@/lib/model/validation/validate-flow");
const { FLOW_TEMPLATES } = await import("@/lib/model/flow/templates");
const { demoWorkspace, seedUser } = await import("@/tests/support/factories");
const { waitFor } = await import("@/tests/support/engine");
const { ORDER_API_PATH } = await import("@/lib/model/flow/templates/http-agent");

const workspace = await demoWorkspace();
async function member(role: "designer" | "operator"): Promise<Member> {
  const user = await seedUser({ workspaceId: workspace.id, role });
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    workspaceId: workspace.id,
    workspaceSlug: workspace.slug,
    workspaceName: workspace.name,
    role,
  };
}
const designer = await member("designer");
const token = () => Math.random().toString(36).slice(2, 8);

// The HTTP tool template's placeholder API, as someone would stand up their own: a local server the SSRF guard's
// development allowlist names, answering for the demo's orders.
let api: Server;
let apiOrigin = "";
beforeAll(async () => {
  api = createServer((req, res) => {
    const number = decodeURIComponent(req.url ?? "").match(/([A-Z]\d{4})$/)?.[1];
    res.setHeader("content-type", "application/json");
    if (!number || !req.url?.startsWith(ORDER_API_PATH)) return res.writeHead(404).end('{"error":"not found"}');
    res.end(JSON.stringify({ order: { number, status: "shipped", eta: "2026-11-24" } }));
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiOrigin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  process.env.SWITCHBOARD_HTTP_TOOL_ALLOWLIST = new URL(apiOrigin).host;
});
afterAll(async () => {
  delete process.env.SWITCHBOARD_HTTP_TOOL_ALLOWLIST;
  await new Promise((resolve) => api.close(resolve));
});

/** One line per failed check (or error) of a finished run, naming the case. */
async function failuresOf(runId: string): Promise<string[]> {
  const results = await db().evalCaseResult.findMany({
    where: { runId, passed: false },
    include: { case: { select: { name: true, turns: true } } },
  });
  return results.flatMap((result) => {
    const label = `${result.case.name} ${JSON.stringify(result.case.turns)}`;
    if (result.error) return [`${label}: ${result.error}`];
    return (result.checks as CheckResult[])
      .filter((check) => !check.passed)
      .map((check) => `${label}: ${check.label}; got ${JSON.stringify(check.actual)}`);
  });
}

describe.each(FLOW_TEMPLATES.map((t) => [t.name, t] as const))("the “%s” template", (_name, template) => {
  it("creates a valid flow with its suite, publishes, and passes every case", { timeout: 300_000 }, async () => {
    signInAs(designer);
    const slug = `${template.id}-${token()}`;
    const created = await createFlowFromTemplateAction({
      name: `${template.name} ${slug}`,
      slug,
      description: "",
      template: template.id,
    });
    if (!created.ok) throw new Error(created.message);
    const flow = await db().flow.findUniqueOrThrow({ where: { id: created.data.flowId } });
    expect(validateFlow(flow.draft).filter((issue) => issue.severity === "error")).toEqual([]);
    for (const sub of template.subflows ?? []) {
      const child = await db().flow.findUniqueOrThrow({
        where: { workspaceId_slug: { workspaceId: workspace.id, slug: `${slug}${sub.slugSuffix}` } },
      });
      expect(child.publishedVersionId, sub.slugSuffix).not.toBeNull();
      expect(validateFlow(child.draft).filter((issue) => issue.severity === "error")).toEqual([]);
    }
    let revision = flow.draftRevision;
    if (template.id === "http-agent") {
      // What the template asks of you: point the HTTP tool at your API.
      const graph = structuredClone(flow.draft) as FlowGraph;
      for (const node of graph.nodes)
        if (node.kind === "tool" && node.config.http)
          node.config.http.url = node.config.http.url.replace(/^https:\/\/[^/]+/, apiOrigin);
      const saved = await saveDraftAction({ flowId: flow.id, baseRevision: revision, graph });
      if (!saved.ok) throw new Error(saved.message);
      revision = saved.data.revision;
    }
    const published = await publishFlowAction({ flowId: flow.id, baseRevision: revision, note: "From the template" });
    if (!published.ok) throw new Error(published.message);

    const suite = await db().evalSuite.findFirstOrThrow({ where: { flowId: flow.id }, include: { cases: true } });
    expect(suite).toMatchObject({ name: template.suite.name, passThreshold: 1, gatesPublish: false });
    expect(suite.cases).toHaveLength(template.suite.cases.length);
    expect(suite.cases.length).toBeGreaterThanOrEqual(4);
    const { runId } = await db().$transaction(
      (tx) =>
        createEvalRun(tx, designer, { suiteId: suite.id, target: "version", versionId: published.data.versionId }),
      { timeout: 60_000 },
    );
    await waitFor(
      async () => (await db().evalRun.findUniqueOrThrow({ where: { id: runId } })).status === "done",
      280_000,
      `the run of ${template.id}`,
    );
    expect(await failuresOf(runId)).toEqual([]);
    expect(await db().evalRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      total: suite.cases.length,
      passed: suite.cases.length,
    });

    const audits = await db().auditLog.findMany({
      where: { workspaceId: workspace.id, resourceId: flow.id, action: "flow.created" },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0].after).toMatchObject({ slug, template: template.id });
  });
});

describe("creating from a template", () => {
  it("refuses an unknown template and an operator, and writes nothing", async () => {
    signInAs(designer);
    const slug = `nope-${token()}`;
    const unknown = await createFlowFromTemplateAction({
      name: "Nope",
      slug,
      description: "",
      template: "teleporter" as never,
    });
    expect(unknown).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { template: [expect.any(String)] } });
    signInAs(await member("operator"));
    const forbidden = await createFlowFromTemplateAction({ name: "Nope", slug, description: "", template: "triage" });
    expect(forbidden).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await db().flow.count({ where: { workspaceId: workspace.id, slug } })).toBe(0);
  });

  it("refuses the whole template when a sub-flow's slug is taken", async () => {
    signInAs(designer);
    const supervisor = FLOW_TEMPLATES.find((t) => t.subflows?.length)!;
    const slug = `sup-${token()}`;
    const first = await createFlowAction({
      name: "Taken",
      slug: `${slug}${supervisor.subflows![0].slugSuffix}`,
      description: "",
    });
    expect(first.ok).toBe(true);
    const result = await createFlowFromTemplateAction({
      name: "Supervisor",
      slug,
      description: "",
      template: supervisor.id,
    });
    expect(result).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await db().flow.count({ where: { workspaceId: workspace.id, slug: { startsWith: slug } } })).toBe(1);
  });
});
