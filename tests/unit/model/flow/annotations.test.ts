// Sticky notes and groups in the flow format: optional, so files and versions written before them read unchanged;
// carried through a .flow.json round trip; diffed like nodes; invisible to validation.
import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/model/canonical-json";
import { diffFlows, summarizeDiff } from "@/lib/model/flow/diff-flow";
import { parseFlowFile, toFlowFile } from "@/lib/model/flow/flow-file";
import { draftGraphSchema, flowGraphSchema, type FlowGraph } from "@/lib/model/flow/schema";
import { validateFlow } from "@/lib/model/validation/validate-flow";
import { retailFlowGraph } from "@/prisma/demo/retail-flow";
import { graph, graphInput, link, node, reply } from "@/tests/support/flow-builders";

const base = () => graph([node("start", "start"), reply("bot")], [link("start", "bot")]);

function annotated(): FlowGraph {
  return flowGraphSchema.parse({
    ...base(),
    notes: [
      { id: "note_1", text: "Billing asks for the order number first.\nSee the wiki.", position: { x: 10, y: 20 } },
    ],
    groups: [
      {
        id: "group_1",
        title: "Greeting",
        position: { x: -30, y: -60 },
        size: { width: 600, height: 240 },
        nodeIds: ["start", "bot"],
      },
    ],
  });
}

describe("notes and groups in the flow schema", () => {
  it("leaves a graph without them exactly as it was: no empty lists appear", () => {
    const retail = flowGraphSchema.parse(retailFlowGraph());
    expect(retail).not.toHaveProperty("notes");
    expect(retail).not.toHaveProperty("groups");
    expect(canonicalJson(flowGraphSchema.parse(JSON.parse(JSON.stringify(retail))))).toBe(canonicalJson(retail));
  });

  it("fills a note's defaults and keeps its text as written", () => {
    const g = annotated();
    expect(g.notes).toEqual([
      {
        id: "note_1",
        text: "Billing asks for the order number first.\nSee the wiki.",
        color: "yellow",
        position: { x: 10, y: 20 },
        size: { width: 220, height: 120 },
      },
    ]);
    expect(g.groups?.[0]).toMatchObject({ title: "Greeting", color: "blue", nodeIds: ["start", "bot"] });
  });

  it("refuses a colour outside the palette and a bad id, in drafts too", () => {
    const bad = {
      ...graphInput([node("start", "start")], []),
      notes: [{ id: "n", color: "red", position: { x: 0, y: 0 } }],
    };
    expect(flowGraphSchema.safeParse(bad).success).toBe(false);
    expect(draftGraphSchema.safeParse(bad).success).toBe(false);
    const badId = { ...graphInput([node("start", "start")], []), notes: [{ id: "a b", position: { x: 0, y: 0 } }] };
    expect(draftGraphSchema.safeParse(badId).success).toBe(false);
  });

  it("never changes what validation says", () => {
    const plain = validateFlow(base());
    const g = annotated();
    // A group may even name a node that is gone: it is only a frame.
    const stale = { ...g, groups: [{ ...g.groups![0], nodeIds: ["start", "missing"] }] };
    expect(validateFlow(g)).toEqual(plain);
    expect(validateFlow(stale)).toEqual(plain);
  });
});

describe("a .flow.json file with notes and groups", () => {
  it("round-trips them unchanged", () => {
    const file = toFlowFile({ name: "Notes", slug: "notes", description: "", graph: annotated() });
    const parsed = parseFlowFile(JSON.stringify(file));
    expect(parsed.ok && parsed.file.graph.notes).toEqual(annotated().notes);
    expect(parsed.ok && parsed.file.graph.groups).toEqual(annotated().groups);
  });

  it("reads a file written before they existed, and points at a broken note by its path", () => {
    const old = { format: "switchboard.flow", formatVersion: 1, name: "Old", slug: "old", graph: base() };
    const parsed = parseFlowFile(JSON.stringify(old));
    expect(parsed.ok && parsed.file.graph).toEqual(base());
    const broken = parseFlowFile(JSON.stringify({ ...old, graph: { ...base(), notes: [{ id: "n1", text: 5 }] } }));
    expect(broken.ok ? [] : broken.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(["graph.notes[0].text", "graph.notes[0].position"]),
    );
  });
});

describe("diffFlows with notes and groups", () => {
  it("finds nothing between a graph without them and the same graph with empty lists", () => {
    expect(diffFlows(base(), { ...base(), notes: [], groups: [] }).isEmpty).toBe(true);
  });

  it("lists added, removed, changed and moved notes and groups", () => {
    const before = annotated();
    const after = structuredClone(before);
    after.notes![0].text = "Billing asks for the order number.";
    after.notes!.push({
      id: "note_2",
      text: "New",
      color: "pink",
      position: { x: 0, y: 0 },
      size: { width: 200, height: 100 },
    });
    after.groups![0].position = { x: 0, y: 0 };
    const moved = diffFlows(before, after);
    expect(moved.notes).toEqual({
      added: ["note_2"],
      removed: [],
      changed: [
        {
          id: "note_1",
          moved: false,
          changes: [{ path: "text", before: before.notes![0].text, after: "Billing asks for the order number." }],
        },
      ],
    });
    expect(moved.groups.changed).toEqual([{ id: "group_1", moved: true, changes: [] }]);
    expect(moved.isEmpty).toBe(false);
    expect(summarizeDiff(moved)).toBe("1 note added, 1 changed, 1 group changed");

    const without = { ...before, groups: [], notes: before.notes };
    const removed = diffFlows(before, without);
    expect(removed.groups.removed).toEqual(["group_1"]);
    expect(removed.nodes.changed).toEqual([]);
    expect(summarizeDiff(removed)).toBe("1 group removed");
  });

  it("reports a group's new members and colour as changes", () => {
    const before = annotated();
    const after = structuredClone(before);
    after.groups![0].nodeIds = ["bot"];
    after.groups![0].color = "green";
    const paths = diffFlows(before, after).groups.changed[0].changes.map((c) => c.path);
    expect(paths).toEqual(expect.arrayContaining(["color", "nodeIds"]));
  });
});
