import { describe, expect, it } from "vitest";
import { formatValue, prepareVersionDiff } from "@/lib/features/flows/prepare-version-diff";
import { flowGraphSchema, type FlowGraphInput } from "@/lib/model/flow/schema";

const graph = (input: Omit<FlowGraphInput, "schemaVersion">) => flowGraphSchema.parse({ schemaVersion: 1, ...input });

const before = graph({
  nodes: [
    { id: "start", kind: "start", label: "Start", position: { x: 0, y: 0 }, config: { greeting: "Hi" } },
    { id: "agent", kind: "agent", label: "Helper", position: { x: 300, y: 0 }, config: { reply: "Old" } },
    { id: "done", kind: "end", label: "Done", position: { x: 600, y: 0 }, config: {} },
  ],
  edges: [
    { id: "e1", source: "start", target: "agent" },
    { id: "e2", source: "agent", target: "done" },
  ],
});
const after = graph({
  nodes: [
    { id: "start", kind: "start", label: "Start", position: { x: 0, y: 50 }, config: { greeting: "Hi" } },
    { id: "agent", kind: "agent", label: "Helper", position: { x: 300, y: 0 }, config: { reply: "New" } },
    {
      id: "human",
      kind: "escalate",
      label: "Human",
      position: { x: 600, y: 100 },
      config: { reason: "r", message: "m" },
    },
  ],
  edges: [
    { id: "e1", source: "start", target: "agent" },
    { id: "e3", source: "agent", target: "human" },
  ],
});

describe("prepareVersionDiff", () => {
  it("tags every node of the later version and keeps removed ones as ghosts", () => {
    const view = prepareVersionDiff(before, after);
    const status = Object.fromEntries(view.nodes.map((n) => [n.id, n.status]));
    expect(status).toEqual({ start: "moved", agent: "changed", human: "added", done: "removed" });
    expect(view.nodes.find((n) => n.id === "done")?.position).toEqual({ x: 600, y: 0 });
    expect(view.edges.map((e) => [e.id, e.status])).toEqual([
      ["e1", "unchanged"],
      ["e3", "added"],
      ["e2", "removed"],
    ]);
    expect(view.summary).toEqual({ added: 1, changed: 1, removed: 1, moved: 1, edges: 2, annotations: 0 });
    expect(view.isEmpty).toBe(false);
  });

  it("lists changes as node: path before → after", () => {
    const view = prepareVersionDiff(before, after);
    const agent = view.changes.find((c) => c.id === "agent");
    expect(agent).toMatchObject({
      status: "changed",
      title: "Helper",
      lines: [{ path: "config.reply", before: "“Old”", after: "“New”" }],
    });
    expect(view.changes.find((c) => c.id === "e3")?.title).toBe("Helper → Human");
    expect(view.changes.find((c) => c.id === "start")?.lines).toEqual([
      { path: "position", before: "(0, 0)", after: "(0, 50)" },
    ]);
  });

  it("is empty for identical graphs", () => {
    const view = prepareVersionDiff(before, before);
    expect(view.isEmpty).toBe(true);
    expect(view.changes).toEqual([]);
    expect(view.nodes.every((n) => n.status === "unchanged")).toBe(true);
  });

  it("keeps long values short", () => {
    expect(formatValue("x".repeat(500)).length).toBeLessThanOrEqual(160);
    expect(formatValue(Array.from({ length: 300 }, (_, i) => `example ${i}`))).toBe("300 items");
    expect(formatValue(undefined)).toBe("(none)");
    expect(formatValue("")).toBe("(empty)");
  });

  it("shows added, changed, moved and removed notes and groups on the canvas and in the list", () => {
    const frame = { size: { width: 400, height: 200 } };
    const old = graph({
      ...before,
      notes: [
        { id: "n1", text: "Ask for the order number", position: { x: 0, y: 200 } },
        { id: "n2", text: "Old idea", position: { x: 0, y: 400 } },
      ],
      groups: [{ id: "g1", title: "Intake", position: { x: -20, y: -40 }, ...frame, nodeIds: ["start"] }],
    });
    const next = graph({
      ...before,
      notes: [
        { id: "n1", text: "Ask for the order number first\n(then the e-mail)", position: { x: 0, y: 200 } },
        { id: "n3", text: "", color: "green", position: { x: 0, y: 600 } },
      ],
      groups: [{ id: "g1", title: "Intake", position: { x: 0, y: -40 }, ...frame, nodeIds: ["start"] }],
    });
    const view = prepareVersionDiff(old, next);
    expect(view.annotations.map((a) => [a.kind, a.id, a.status])).toEqual([
      ["group", "g1", "moved"],
      ["note", "n1", "changed"],
      ["note", "n3", "added"],
      ["note", "n2", "removed"],
    ]);
    expect(view.changes.filter((c) => c.target !== "node" && c.target !== "edge")).toEqual([
      {
        key: "note~n1",
        target: "note",
        id: "n1",
        title: "“Ask for the order number first”",
        status: "changed",
        lines: [
          {
            path: "text",
            before: "“Ask for the order number”",
            after: "“Ask for the order number first\n(then the e-mail)”",
          },
        ],
      },
      { key: "note+n3", target: "note", id: "n3", title: "“(empty note)”", status: "added", lines: [] },
      { key: "note-n2", target: "note", id: "n2", title: "“Old idea”", status: "removed", lines: [] },
      {
        key: "group~g1",
        target: "group",
        id: "g1",
        title: "Intake",
        status: "moved",
        lines: [{ path: "position", before: "(-20, -40)", after: "(0, -40)" }],
      },
    ]);
    expect(view.summary.annotations).toBe(4);
    expect(view.isEmpty).toBe(false);
  });
});
