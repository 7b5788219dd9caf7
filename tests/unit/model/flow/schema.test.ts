import { describe, expect, it } from "vitest";
import { flowGraphSchema, type NodeOf } from "@/lib/model/flow/schema";
import { retailFlowGraph } from "@/prisma/demo/retail-flow";

const router = (config: Record<string, unknown>) =>
  flowGraphSchema.parse({
    schemaVersion: 1,
    nodes: [
      { id: "start", kind: "start", label: "Start", position: { x: 0, y: 0 }, config: {} },
      {
        id: "router",
        kind: "router",
        label: "Router",
        position: { x: 100, y: 0 },
        config: {
          routes: [
            { id: "a", label: "A", examples: ["a"] },
            { id: "b", label: "B", examples: ["b"] },
          ],
          ...config,
        },
      },
    ],
    edges: [],
  });

describe("router mode", () => {
  it("is fast unless a router or the interruption check says semantic", () => {
    const graph = router({});
    const [start, node] = graph.nodes as [NodeOf<"start">, NodeOf<"router">];
    expect(node.config.mode).toBe("fast");
    expect(start.config.interruptions.mode).toBe("fast");
    expect((router({ mode: "semantic" }).nodes[1] as NodeOf<"router">).config.mode).toBe("semantic");
  });

  it("parses graphs saved before it existed unchanged, and refuses unknown modes", () => {
    const retail = flowGraphSchema.parse(retailFlowGraph());
    for (const node of retail.nodes) {
      if (node.kind === "router") expect(node.config.mode).toBe("fast");
      if (node.kind === "start") expect(node.config.interruptions.mode).toBe("fast");
    }
    expect(() => router({ mode: "clever" })).toThrow();
  });
});
