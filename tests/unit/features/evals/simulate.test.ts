import { describe, expect, it } from "vitest";
import { RETAIL_ROUTES } from "@/prisma/demo/retail-routes";
import { normalizePhrasing, offlinePhrasings, type RouteSource } from "@/lib/features/evals/offline-phrasings";
import { routesOfGraph } from "@/lib/features/evals/held-out";
import { parseModelPhrasings, phrasingSources } from "@/lib/features/evals/simulate";

const routes: RouteSource[] = Object.entries(RETAIL_ROUTES).map(([route, r]) => ({
  route,
  label: r.label,
  description: "",
  examples: [...r.examples],
}));
const context = { orderNumbers: ["A1001", "A1002", "A1017", "A1042"], amounts: ["$129.00", "$54.00"] };

describe("offline simulated phrasings", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const a = offlinePhrasings(routes, { perRoute: 8, seed: 42, context });
    const b = offlinePhrasings(routes, { perRoute: 8, seed: 42, context });
    const c = offlinePhrasings(routes, { perRoute: 8, seed: 43, context });
    expect(a).toEqual(b);
    expect(a.map((p) => p.text)).not.toEqual(c.map((p) => p.text));
  });

  it("gives each route the number asked for, labelled with its route", () => {
    const out = offlinePhrasings(routes, { perRoute: 10, seed: 1, context });
    for (const route of routes) expect(out.filter((p) => p.route === route.route)).toHaveLength(10);
    expect(out).toHaveLength(routes.length * 10);
  });

  it("never copies an example (ignoring case and punctuation) and never repeats itself", () => {
    const out = offlinePhrasings(routes, { perRoute: 20, seed: 3, context });
    const examples = new Set(routes.flatMap((r) => r.examples.map(normalizePhrasing)));
    const seen = new Set<string>();
    for (const p of out) {
      const key = normalizePhrasing(p.text);
      expect(examples.has(key), p.text).toBe(false);
      expect(seen.has(key), p.text).toBe(false);
      seen.add(key);
    }
  });

  it("is varied: most phrasings of a route are distinct in their words, not just in casing", () => {
    const out = offlinePhrasings(routes, { perRoute: 20, seed: 5, context }).filter((p) => p.route === "refund");
    const firstWords = new Set(out.map((p) => normalizePhrasing(p.text).split(" ").slice(0, 2).join(" ")));
    expect(firstWords.size).toBeGreaterThan(6);
  });

  it("fills order numbers from the demo data on routes whose examples name orders", () => {
    const out = offlinePhrasings(routes, { perRoute: 20, seed: 9, context }).filter((p) => p.route === "order_status");
    const named = out.filter((p) => /\bA\d{4}\b/.test(p.text));
    expect(named.length).toBeGreaterThan(0);
    for (const p of named)
      for (const n of p.text.match(/\bA\d{4}\b/g)!)
        expect(["A1001", "A1002", "A1003", "A1004", "A1017", "A1042"]).toContain(n);
  });

  it("names the example each phrasing was made from, one of the route's", () => {
    const out = offlinePhrasings(routes, { perRoute: 5, seed: 2, context });
    for (const p of out) {
      expect(p.from).toHaveLength(1);
      expect(routes.find((r) => r.route === p.route)!.examples).toContain(p.from[0]);
    }
  });

  it("makes something from a route without examples, from its label", () => {
    const out = offlinePhrasings([{ route: "x", label: "Loyalty points", description: "", examples: [] }], {
      perRoute: 3,
      seed: 1,
    });
    expect(out).toHaveLength(3);
    expect(out.every((p) => /loyalty|points|poin|loyal/i.test(p.text))).toBe(true);
    expect(out.every((p) => p.from.length === 0)).toBe(true);
  });
});

describe("what phrasings are made from", () => {
  const small: RouteSource = { route: "tiny", label: "Tiny", description: "", examples: ["one thing", "another"] };

  it("by default, a route's held-out examples only; a route with too few, all of them, labelled as trained on", () => {
    const sources = phrasingSources([...routes, small], { seed: 7, share: 0.2 });
    for (const { source, basis } of sources.slice(0, routes.length)) {
      const all = routes.find((r) => r.route === source.route)!.examples;
      expect(basis).toBe("held_out");
      expect(source.examples.length).toBe(Math.round(all.length * 0.2));
    }
    expect(sources.at(-1)).toEqual({ source: small, basis: "training" });
    const out = offlinePhrasings(
      sources.map((s) => s.source),
      { perRoute: 10, seed: 4, context, exclude: new Set(routes.flatMap((r) => r.examples.map(normalizePhrasing))) },
    );
    const heldOut = new Set(sources.flatMap((s) => (s.basis === "held_out" ? s.source.examples : [])));
    for (const p of out.filter((p) => p.route !== "tiny")) expect(heldOut.has(p.from[0]), p.text).toBe(true);
    const examples = new Set(routes.flatMap((r) => r.examples.map(normalizePhrasing)));
    for (const p of out) expect(examples.has(normalizePhrasing(p.text)), p.text).toBe(false);
  });

  it("without a hold-out, every example (the optimistic basis)", () => {
    expect(phrasingSources(routes, null).every((s, i) => s.basis === "training" && s.source === routes[i])).toBe(true);
  });
});

describe("reading routes and model answers", () => {
  it("collects routes of every router, merged by id", () => {
    const router = (id: string, routes: unknown[]) => ({
      id,
      kind: "router",
      label: id,
      position: { x: 0, y: 0 },
      config: { strategy: "classifier", routes },
    });
    const graph = {
      schemaVersion: 1,
      nodes: [
        router("r1", [
          { id: "a", label: "A", examples: ["one"] },
          { id: "b", label: "B", examples: ["two"] },
        ]),
        router("r2", [{ id: "a", label: "A", examples: ["three"] }]),
      ],
      edges: [],
    };
    const { routes: found } = routesOfGraph(graph);
    expect(found.map((r) => [r.route, r.examples])).toEqual([
      ["a", ["one", "three"]],
      ["b", ["two"]],
    ]);
    expect(routesOfGraph({ nope: true }).routes).toEqual([]);
  });

  it("accepts a JSON array, an object with phrasings, or a fenced block; refuses anything else", () => {
    expect(parseModelPhrasings('["a", " b  c "]')).toEqual(["a", "b c"]);
    expect(parseModelPhrasings('{"phrasings":["x"]}')).toEqual(["x"]);
    expect(parseModelPhrasings('Sure!\n```json\n["y"]\n```')).toEqual(["y"]);
    expect(() => parseModelPhrasings("not json")).toThrow();
    expect(() => parseModelPhrasings('{"other": 1}')).toThrow();
  });
});

describe("simulated cases", () => {
  it("are one-turn cases expecting their route, numbered per route around names already taken", async () => {
    const { nameSimulatedCases } = await import("@/lib/features/evals/simulated-cases");
    const cases = nameSimulatedCases(
      [
        { route: "refund", text: "refund pls", from: ["refund please"] },
        { route: "refund", text: "money back?", from: ["send my money back"] },
        { route: "human", text: "a person please", from: [] },
      ],
      new Set(["Simulated · refund · 1"]),
    );
    expect(cases).toEqual([
      {
        name: "Simulated · refund · 2",
        turns: ["refund pls"],
        expectations: { routes: ["refund"] },
        source: "simulated",
        simulatedFrom: ["refund please"],
      },
      {
        name: "Simulated · refund · 3",
        turns: ["money back?"],
        expectations: { routes: ["refund"] },
        source: "simulated",
        simulatedFrom: ["send my money back"],
      },
      {
        name: "Simulated · human · 1",
        turns: ["a person please"],
        expectations: { routes: ["human"] },
        source: "simulated",
        simulatedFrom: [],
      },
    ]);
  });
});
