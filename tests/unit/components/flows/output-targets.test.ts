import { describe, expect, it } from "vitest";
import { addNodeBeside, linkFrom, outputTargets, setOutputTarget } from "@/components/flows/graph-operations";
import { graph, link, node, orderTool } from "@/tests/support/flow-builders";

const base = graph(
  [node("start", "start"), node("bot", "agent"), node("bye", "response", { template: "Bye!" }), node("end", "end")],
  [link("start", "bot"), link("bot", "bye")],
);

describe("outputTargets and setOutputTarget", () => {
  it("offers every node the output may lead to, never the node itself or one the rule refuses", () => {
    const ids = outputTargets(base, "bot", "out").map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining(["bye", "end"]));
    expect(ids).not.toContain("bot");
    expect(ids).not.toContain("start"); // a Start node has no input
    // note → greet would close a loop with no wait point in it (neither is an agent, an approval, …).
    const loop = graph(
      [
        node("start", "start"),
        node("greet", "response", { template: "Hi" }),
        node("note", "set_memory", { assignments: [{ key: "seen", value: "yes", scope: "conversation" }] }),
      ],
      [link("start", "greet"), link("greet", "note")],
    );
    expect(outputTargets(loop, "note", "out").map((n) => n.id)).not.toContain("greet");
  });

  it("replaces an output's link, unlinks it, and leaves a choice of the same target unchanged", () => {
    const moved = setOutputTarget(base, "bot", "out", "end");
    expect(moved.ok && linkFrom(moved.graph, "bot", "out")?.target).toBe("end");
    expect(moved.ok && moved.graph.edges.filter((e) => e.source === "bot")).toHaveLength(1);
    const unlinked = setOutputTarget(base, "bot", "out", null);
    expect(unlinked.ok && linkFrom(unlinked.graph, "bot", "out")).toBeUndefined();
    const same = setOutputTarget(base, "bot", "out", "bye");
    expect(same.ok && same.graph).toBe(base);
  });

  it("refuses what the rule refuses, changing nothing", () => {
    expect(setOutputTarget(base, "bye", "out", "start")).toMatchObject({ ok: false });
  });
});

describe("addNodeBeside", () => {
  it("links the new node from the anchor's free output and says so", () => {
    const added = addNodeBeside(base, "response", { anchorId: "bye", centre: { x: 0, y: 0 } });
    expect(linkFrom(added.graph, "bye", "out")?.target).toBe(added.id);
    expect(added.linked).toBe("linked from “bye” (next)");
  });

  it("adds a tool the anchor agent may call, and nothing when there is no anchor", () => {
    const withTool = addNodeBeside(graph([node("bot", "agent"), orderTool("o")], []), "tool", {
      anchorId: "bot",
      centre: { x: 0, y: 0 },
    });
    expect(withTool.graph.edges).toEqual([
      expect.objectContaining({ kind: "tool", source: "bot", target: withTool.id }),
    ]);
    const alone = addNodeBeside(base, "end", { centre: { x: 0, y: 0 } });
    expect(alone.linked).toBeNull();
    expect(alone.graph.edges).toHaveLength(base.edges.length);
  });
});
