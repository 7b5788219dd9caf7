import { describe, expect, it } from "vitest";
import {
  DEFAULT_HOLD_OUT,
  graphWithoutHeldOut,
  heldOutTexts,
  routesOfGraph,
  routingBasisLabel,
  routingBasisOf,
  splitExamples,
  trainedTexts,
} from "@/lib/features/evals/held-out";
import { normalizePhrasing, type RouteSource } from "@/lib/features/evals/offline-phrasings";
import { flowGraphSchema } from "@/lib/model/flow/schema";
import { nodeTrainingSet } from "@/lib/runtime/routing/train-node-classifier";
import { retailFlowGraph } from "@/prisma/demo/retail-flow";

const graph = flowGraphSchema.parse(retailFlowGraph());
const { routes } = routesOfGraph(graph);
const route = (id: string, examples: string[]): RouteSource => ({ route: id, label: id, description: "", examples });

describe("splitting each route's examples", () => {
  it("is deterministic for a seed, differs across seeds, and does not depend on the examples' order", () => {
    const a = splitExamples(routes, { seed: 7, share: 0.2 });
    expect(splitExamples(routes, { seed: 7, share: 0.2 })).toEqual(a);
    expect(splitExamples(routes, { seed: 8, share: 0.2 }).map((s) => s.heldOut)).not.toEqual(a.map((s) => s.heldOut));
    const reversed = splitExamples(
      routes.map((r) => ({ ...r, examples: [...r.examples].reverse() })),
      { seed: 7, share: 0.2 },
    );
    expect(reversed.map((s) => [...s.heldOut].sort())).toEqual(a.map((s) => [...s.heldOut].sort()));
  });

  it("holds out 20% of each route (at least one from three examples), none below three, and keeps the rest", () => {
    const splits = splitExamples([
      ...routes,
      route("three", ["a b", "c d", "e f"]),
      route("two", ["g h", "i j"]),
      route("none", []),
    ]);
    routes.forEach((r, i) => {
      expect(splits[i].heldOut).toHaveLength(Math.round(r.examples.length * DEFAULT_HOLD_OUT.share));
      expect([...splits[i].train, ...splits[i].heldOut].sort()).toEqual([...r.examples].sort());
    });
    expect(splits.at(-3)!.heldOut).toHaveLength(1);
    expect(splits.at(-3)!.train).toHaveLength(2);
    expect(splits.at(-2)).toEqual({ route: "two", train: ["g h", "i j"], heldOut: [] });
    expect(splits.at(-1)).toEqual({ route: "none", train: [], heldOut: [] });
  });

  it("puts spellings of one phrasing on the same side", () => {
    const examples = ["Where is my order?", "where is my order", "track it", "my parcel", "late delivery"];
    for (let seed = 0; seed < 20; seed++) {
      const [split] = splitExamples([route("r", examples)], { seed, share: 0.4 });
      const held = split.heldOut.map(normalizePhrasing);
      const trained = new Set(split.train.map(normalizePhrasing));
      expect(held.some((t) => trained.has(t))).toBe(false);
    }
  });
});

describe("the graph the simulation's router is trained on", () => {
  const texts = heldOutTexts(splitExamples(routes));
  const reduced = graphWithoutHeldOut(graph, texts);

  it("gives no held-out example to any model publishing trains (routers and the interruption check)", () => {
    let trainedNodes = 0;
    for (const node of reduced.nodes) {
      const set = nodeTrainingSet(reduced, node);
      if (!set) continue;
      trainedNodes++;
      for (const example of set.examples) expect(texts.has(normalizePhrasing(example.text)), example.text).toBe(false);
    }
    expect(trainedNodes).toBeGreaterThanOrEqual(2);
    for (const text of texts) expect(trainedTexts(reduced).has(text)).toBe(false);
  });

  it("keeps everything else: every other example, every route, every other node as it was", () => {
    const before = routesOfGraph(graph).routes;
    const after = routesOfGraph(reduced).routes;
    expect(after.map((r) => r.route)).toEqual(before.map((r) => r.route));
    before.forEach((r, i) =>
      expect(after[i].examples).toEqual(r.examples.filter((e) => !texts.has(normalizePhrasing(e)))),
    );
    expect(flowGraphSchema.parse(reduced)).toEqual(reduced);
    expect(reduced.edges).toEqual(graph.edges);
    const untouched = (g: typeof graph) => g.nodes.filter((n) => n.kind !== "router" && n.kind !== "start");
    expect(untouched(reduced)).toEqual(untouched(graph));
  });

  it("never empties a route: one whose every example is held out elsewhere keeps them", () => {
    const router = graph.nodes.find((n) => n.kind === "router")!;
    if (router.kind !== "router") throw new Error("no router");
    const only = router.config.routes[0].examples.map(normalizePhrasing);
    const out = graphWithoutHeldOut(graph, new Set(only));
    const kept = out.nodes.find((n) => n.id === router.id)!;
    if (kept.kind !== "router") throw new Error("no router");
    expect(kept.config.routes[0].examples).toEqual(router.config.routes[0].examples);
  });
});

describe("a simulated case's basis and its label", () => {
  const trained = new Set(["where is my order", "refund please"]);

  it("is held out only when made from examples the router did not train on, and its message is not one either", () => {
    expect(routingBasisOf(["where's my parcel"], ["hi, where's my parcel??"], trained)).toBe("held_out");
    expect(routingBasisOf(["Where is my order?"], ["hi, where is my order"], trained)).toBe("training");
    expect(routingBasisOf(["where's my parcel"], ["Refund, please!"], trained)).toBe("training");
    expect(routingBasisOf([], ["anything"], trained)).toBe("training");
  });

  it("says which figure it is", () => {
    expect(routingBasisLabel("held_out")).toBe(
      "routing accuracy on held-out phrasings (20% of each route's examples, not trained on)",
    );
    expect(routingBasisLabel("held_out", 0.25)).toContain("25% of each route's examples");
    expect(routingBasisLabel("training")).toBe("routing accuracy on training phrasings (optimistic)");
  });
});
