// validateFlow on a large flow: 500 nodes and 600+ edges validate quickly and cleanly.
import { describe, expect, it } from "vitest";
import type { FlowGraphInput } from "@/lib/model/flow/schema";
import { validateFlow } from "@/lib/model/validation/validate-flow";
import { graphInput, link, lookupAgent, node, orderTool, permit, reply } from "@/tests/support/flow-builders";
import { end, start } from "@/tests/unit/model/validation/validate-flow-helpers";

describe("validateFlow: size", () => {
  /** Start, a lookup tool, then segments: condition → (yes) agent → response → memory → next condition; else → response. */
  function bigFlow(segments: number): FlowGraphInput {
    const nodes: FlowGraphInput["nodes"] = [start(), orderTool()];
    const edges: FlowGraphInput["edges"] = [link("start", "c0")];
    for (let i = 0; i < segments; i++) {
      const looksUp = i % 8 === 0;
      nodes.push(
        node(
          `c${i}`,
          "condition",
          { branches: [{ id: "yes", label: "Yes", expression: `state.count > ${i}` }] },
          `Check ${i}`,
        ),
        looksUp ? lookupAgent(`a${i}`) : reply(`a${i}`, "You said {{text}}."),
        node(`r${i}`, "response", { template: "Count is {{state.count}}." }, `Say ${i}`),
        node(`m${i}`, "set_memory", { assignments: [{ key: "count", value: "{{state.count}}" }] }, `Remember ${i}`),
      );
      edges.push(
        link(`c${i}`, `a${i}`, "yes"),
        link(`c${i}`, `r${i}`, "else"),
        link(`a${i}`, `r${i}`),
        link(`r${i}`, `m${i}`),
        link(`m${i}`, i + 1 < segments ? `c${i + 1}` : "done"),
      );
      if (looksUp) edges.push(permit(`a${i}`, "orders", { ratePerMinute: 60 }));
    }
    nodes.push(end());
    return graphInput(nodes, edges);
  }

  it("validates 500 nodes and 600+ edges quickly", () => {
    const input = bigFlow(125);
    expect(input.nodes.length).toBeGreaterThanOrEqual(500);
    expect(input.edges.length).toBeGreaterThanOrEqual(600);
    const timed = () => {
      const started = performance.now();
      const issues = validateFlow(input);
      return { issues, ms: performance.now() - started };
    };
    // The first run compiles every expression and warms the JIT; the canvas re-validates warm on every edit.
    const first = timed();
    const runs = Array.from({ length: 10 }, timed);
    const median = runs.map((run) => run.ms).sort((a, b) => a - b)[runs.length >> 1];
    console.log(
      `validateFlow: ${input.nodes.length} nodes, ${input.edges.length} edges: first run ${first.ms.toFixed(1)} ms, median of 10 ${median.toFixed(1)} ms`,
    );
    expect(first.issues).toEqual([]);
    expect(runs[0].issues).toEqual([]);
  });
});
