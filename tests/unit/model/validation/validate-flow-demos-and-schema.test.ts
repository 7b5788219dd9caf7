// validateFlow on the demo flows and a clean flow, schema failures turned into precise issues, and hasBlockingIssues.
import { describe, expect, it } from "vitest";
import { bankingFlowGraph } from "@/prisma/demo/banking-flow";
import { readBanking77 } from "@/prisma/demo/read-banking77";
import { retailFlowGraph } from "@/prisma/demo/retail-flow";
import { flowGraphSchema } from "@/lib/model/flow/schema";
import type { FlowIssue } from "@/lib/model/validation/flow-issue";
import { hasBlockingIssues, validateFlow } from "@/lib/model/validation/validate-flow";
import { link, node, reply, route } from "@/tests/support/flow-builders";
import { codes, end, flow, only } from "@/tests/unit/model/validation/validate-flow-helpers";

describe("validateFlow: the demo flows", () => {
  it("Retail support has no issues", () => {
    expect(validateFlow(flowGraphSchema.parse(retailFlowGraph()))).toEqual([]);
  });

  it("Banking support has no errors", () => {
    const issues = validateFlow(flowGraphSchema.parse(bankingFlowGraph(readBanking77())));
    expect(issues.filter((issue) => issue.severity === "error")).toEqual([]);
  });
});

describe("validateFlow: a flow that follows every rule", () => {
  it("reports nothing", () => {
    expect(validateFlow(flow([reply("hello"), end()], [link("hello", "done")]))).toEqual([]);
  });
});

describe("validateFlow: schema failures become precise issues", () => {
  it("points a bad setting at its node and its path inside the config, and keeps checking the rest", () => {
    const router = node(
      "router",
      "router",
      { routes: [route("refund"), route("cancel", { label: "" })] },
      "Intent router",
    );
    const issues = validateFlow(
      flow(
        [router, reply("refund"), reply("cancel"), reply("stray")],
        [
          link("router", "refund", "refund"),
          link("router", "cancel", "cancel"),
          link("router", "refund", "low_confidence"),
        ],
      ),
    );
    expect(only(issues, "invalid_config")).toEqual([
      {
        severity: "error",
        code: "invalid_config",
        message: "“Intent router”: routes[1].label — Give it a name.",
        nodeId: "router",
        path: ["routes", 1, "label"],
      },
    ]);
    expect(only(issues, "unreachable").map((issue) => issue.nodeId)).toEqual(["stray"]);
  });

  it("treats a node with bad settings as present, so links to it do not dangle and what follows stays reachable", () => {
    const escalate = node("people", "escalate", { reason: "", message: "Someone will reply." }, "Care team");
    const issues = validateFlow(flow([escalate], []));
    expect(codes(issues)).toEqual(["invalid_config"]);
    expect(issues[0]).toMatchObject({
      nodeId: "people",
      path: ["reason"],
      message: "“Care team”: reason — Say why it escalates.",
    });
  });

  it("points a missing name at the label", () => {
    const issues = validateFlow(flow([node("hello", "agent", { reply: "Hi" }, "  ")], []));
    expect(issues).toEqual([
      {
        severity: "error",
        code: "invalid_node",
        nodeId: "hello",
        path: ["label"],
        message: "“hello”: label — Give it a name.",
      },
    ]);
  });

  it("reports unknown kinds and missing ids", () => {
    const issues = validateFlow(
      flow(
        [
          { id: "x", kind: "teleport", label: "Beam", position: { x: 0, y: 0 }, config: {} } as never,
          { kind: "end" } as never,
        ],
        [],
      ),
    );
    expect(only(issues, "unknown_kind")).toEqual([
      expect.objectContaining({
        nodeId: "x",
        message: "“Beam” is a “teleport” node, which this Switchboard does not know.",
      }),
    ]);
    expect(only(issues, "invalid_node")).toEqual([expect.objectContaining({ message: "Node 3 has no id." })]);
  });

  it("keeps a node whose id has bad characters, and follows malformed links, so nothing after them looks unreachable", () => {
    const issues = validateFlow(
      flow([reply("say hi", "Hi"), node("done", "end")], [{ id: "e", source: "say hi", target: "done" } as never]),
    );
    expect(codes(issues)).toEqual(["invalid_edge", "invalid_node"]);
    expect(only(issues, "invalid_node")).toEqual([
      expect.objectContaining({ nodeId: "say hi", message: "“say hi”: id — Use letters, digits, - and _ only." }),
    ]);
  });

  it("reports duplicate node and edge ids", () => {
    const issues = validateFlow(
      flow(
        [reply("hello"), reply("hello", "Again"), end()],
        [link("hello", "done", "out", "e1"), link("hello", "done", "out", "e1")],
      ),
    );
    expect(only(issues, "duplicate_id")).toEqual([
      expect.objectContaining({
        nodeId: "hello",
        message: "Two nodes share the id “hello” (“hello” and “hello”); give one a new id.",
      }),
      expect.objectContaining({ edgeId: "e1" }),
    ]);
  });

  it("reports a newer schema version and never throws on garbage", () => {
    expect(only(validateFlow({ ...flow([end()], []), schemaVersion: 2 }), "unsupported_version")).toHaveLength(1);
    for (const garbage of [
      null,
      42,
      "graph",
      [],
      { nodes: "x" },
      { schemaVersion: 1, nodes: [null, 7], edges: [null] },
      { schemaVersion: 1, nodes: [] },
    ]) {
      const issues = validateFlow(garbage);
      expect(hasBlockingIssues(issues), JSON.stringify(garbage)).toBe(true);
    }
  });

  it("says so when edges are malformed", () => {
    const issues = validateFlow(flow([end()], [{ id: "bad", source: "start", target: "" } as never]));
    expect(only(issues, "invalid_edge")).toEqual([expect.objectContaining({ edgeId: "bad" })]);
  });
});

describe("hasBlockingIssues", () => {
  it("is true only when there is an error", () => {
    const warning: FlowIssue = { severity: "warning", code: "few_examples", message: "…" };
    expect(hasBlockingIssues([])).toBe(false);
    expect(hasBlockingIssues([warning])).toBe(false);
    expect(hasBlockingIssues([warning, { ...warning, severity: "error" }])).toBe(true);
  });
});
