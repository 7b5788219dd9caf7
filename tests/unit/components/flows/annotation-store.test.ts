// Sticky notes and groups in the editor store: adding, editing, moving (a group takes its members), resizing and
// deleting, each one undo step, as autosave and publishing see them through the graph.
import { describe, expect, it } from "vitest";
import { createEditorStore } from "@/components/flows/store";
import { estimatedSize } from "@/lib/model/flow/placement";
import { graph, link, node, reply } from "@/tests/support/flow-builders";

function editor() {
  const g = graph(
    [node("start", "start"), reply("bot"), node("done", "end")],
    [link("start", "bot"), link("bot", "done")],
  );
  g.nodes[1].position = { x: 300, y: 0 };
  g.nodes[2].position = { x: 600, y: 0 };
  return createEditorStore(g);
}

const position = (store: ReturnType<typeof editor>, id: string) =>
  store.getState().graph.nodes.find((n) => n.id === id)!.position;

describe("sticky notes in the editor store", () => {
  it("adds a note where it covers no node, selected, and one undo takes it away", () => {
    const store = editor();
    const id = store.getState().addNote({ x: 150, y: 50 });
    const note = store.getState().graph.notes!.find((n) => n.id === id)!;
    expect(note).toMatchObject({ text: "", color: "yellow", size: { width: 220, height: 120 } });
    for (const n of store.getState().graph.nodes) {
      const { width, height } = estimatedSize(n);
      const apart =
        note.position.x + 220 <= n.position.x ||
        n.position.x + width <= note.position.x ||
        note.position.y + 120 <= n.position.y ||
        n.position.y + height <= note.position.y;
      expect(apart, `note on ${n.id}`).toBe(true);
    }
    expect(store.getState().selectedAnnotationIds).toEqual([`note:${id}`]);
    expect(store.getState().rfAnnotations.map((n) => [n.id, n.type, n.selected])).toEqual([
      [`note:${id}`, "sb-note", true],
    ]);
    store.getState().undo();
    // Back to the graph as it was: a flow that never had notes has no list of them.
    expect(store.getState().graph).not.toHaveProperty("notes");
    expect(store.getState().rfAnnotations).toEqual([]);
    store.getState().redo();
    expect(store.getState().graph.notes).toHaveLength(1);
  });

  it("typing into a note is one undo step; a colour is another", () => {
    const store = editor();
    const id = store.getState().addNote({ x: 0, y: 400 });
    store.getState().editNote(id, { text: "Ask" }, `note-text:${id}`);
    store.getState().editNote(id, { text: "Ask for the order" }, `note-text:${id}`);
    store.getState().editNote(id, { color: "green" });
    expect(store.getState().graph.notes![0]).toMatchObject({ text: "Ask for the order", color: "green" });
    store.getState().undo();
    expect(store.getState().graph.notes![0]).toMatchObject({ text: "Ask for the order", color: "yellow" });
    store.getState().undo();
    expect(store.getState().graph.notes![0].text).toBe("");
  });

  it("Delete removes a selected note; a resize is saved when it ends", () => {
    const store = editor();
    const id = store.getState().addNote({ x: 0, y: 400 });
    const rfId = `note:${id}`;
    store
      .getState()
      .onNodesChange([
        { id: rfId, type: "dimensions", resizing: true, setAttributes: true, dimensions: { width: 300, height: 200 } },
      ]);
    expect(store.getState().graph.notes![0].size).toEqual({ width: 220, height: 120 });
    store
      .getState()
      .onNodesChange([{ id: rfId, type: "dimensions", resizing: false, dimensions: { width: 300, height: 200 } }]);
    expect(store.getState().graph.notes![0].size).toEqual({ width: 300, height: 200 });
    store.getState().deleteSelection();
    expect(store.getState().graph.notes).toEqual([]);
    store.getState().undo();
    expect(store.getState().graph.notes![0].size).toEqual({ width: 300, height: 200 });
  });
});

describe("groups in the editor store", () => {
  it("frames the selected nodes, and moving the frame moves them in one undo step", () => {
    const store = editor();
    store.getState().select(["start", "bot"]);
    const { id, members } = store.getState().addGroup({ x: 0, y: 0 });
    expect(members).toBe(2);
    const group = store.getState().graph.groups![0];
    expect(group).toMatchObject({ id, title: "Group", nodeIds: ["start", "bot"] });
    expect(group.position.x).toBeLessThan(0);
    expect(group.position.x + group.size.width).toBeGreaterThan(300 + 240);
    expect(store.getState().selectedNodeIds).toEqual([]);

    const rfId = `group:${id}`;
    const from = group.position;
    store
      .getState()
      .onNodesChange([{ id: rfId, type: "position", position: { x: from.x + 40, y: from.y + 10 }, dragging: true }]);
    // Live: the members follow on the canvas; the graph waits for the drop.
    expect(store.getState().rfNodes.find((n) => n.id === "bot")!.position).toEqual({ x: 340, y: 10 });
    expect(position(store, "bot")).toEqual({ x: 300, y: 0 });
    expect(store.getState().dragging).toBe(true);
    store
      .getState()
      .onNodesChange([{ id: rfId, type: "position", position: { x: from.x + 100, y: from.y + 20 }, dragging: true }]);
    store
      .getState()
      .onNodesChange([{ id: rfId, type: "position", position: { x: from.x + 100, y: from.y + 20 }, dragging: false }]);
    expect(store.getState().dragging).toBe(false);
    expect(position(store, "start")).toEqual({ x: 100, y: 20 });
    expect(position(store, "bot")).toEqual({ x: 400, y: 20 });
    expect(position(store, "done")).toEqual({ x: 600, y: 0 });
    expect(store.getState().graph.groups![0].position).toEqual({ x: from.x + 100, y: from.y + 20 });

    store.getState().undo();
    expect(position(store, "bot")).toEqual({ x: 300, y: 0 });
    expect(store.getState().graph.groups![0].position).toEqual(from);
    expect(store.getState().rfNodes.find((n) => n.id === "bot")!.position).toEqual({ x: 300, y: 0 });
  });

  it("does not move a member twice when it is dragged along with its group", () => {
    const store = editor();
    store.getState().select(["bot"]);
    const { id } = store.getState().addGroup({ x: 0, y: 0 });
    const from = store.getState().graph.groups![0].position;
    store.getState().onNodesChange([
      { id: `group:${id}`, type: "position", position: { x: from.x + 50, y: from.y }, dragging: false },
      { id: "bot", type: "position", position: { x: 350, y: 0 }, dragging: false },
    ]);
    expect(position(store, "bot")).toEqual({ x: 350, y: 0 });
    store.getState().undo();
    expect(position(store, "bot")).toEqual({ x: 300, y: 0 });
    expect(store.getState().graph.groups![0].position).toEqual(from);
  });

  it("deleting a member takes it out of the group; Ctrl+A then Delete takes notes and groups too", () => {
    const store = editor();
    store.getState().select(["start", "bot"]);
    store.getState().addGroup({ x: 0, y: 0 });
    store.getState().select(["bot"]);
    store.getState().deleteSelection();
    expect(store.getState().graph.groups![0].nodeIds).toEqual(["start"]);
    store.getState().undo();
    expect(store.getState().graph.groups![0].nodeIds).toEqual(["start", "bot"]);

    store.getState().addNote({ x: 0, y: 500 });
    store.getState().selectAll();
    expect(store.getState().selectedAnnotationIds).toHaveLength(2);
    store.getState().deleteSelection();
    expect(store.getState().graph).toMatchObject({ nodes: [], notes: [], groups: [] });
  });

  it("an empty group goes at the centre of the view and a member joins one group only", () => {
    const store = editor();
    const empty = store.getState().addGroup({ x: 1000, y: 1000 });
    expect(empty.members).toBe(0);
    expect(store.getState().graph.groups![0].position).toEqual({ x: 840, y: 900 });
    store.getState().select(["bot", "done"]);
    store.getState().addGroup({ x: 0, y: 0 });
    store.getState().select(["done"]);
    store.getState().addGroup({ x: 0, y: 0 });
    expect(store.getState().graph.groups!.map((g) => g.nodeIds)).toEqual([[], ["bot"], ["done"]]);
    expect(store.getState().graph.groups!.map((g) => g.title)).toEqual(["Group", "Group 2", "Group 3"]);
  });

  it("an auto-layout reframes each group around its members, in the same undo step", () => {
    const store = editor();
    store.getState().select(["start", "bot"]);
    store.getState().addGroup({ x: 0, y: 0 });
    const before = store.getState().graph.groups![0];
    store.getState().setPositions(
      new Map([
        ["start", { x: 0, y: 500 }],
        ["bot", { x: 0, y: 800 }],
      ]),
    );
    const after = store.getState().graph.groups![0];
    expect(after.position.y).toBeLessThan(500);
    expect(after.position.y + after.size.height).toBeGreaterThan(800);
    expect(after.size.width).toBeLessThan(before.size.width);
    store.getState().undo();
    expect(store.getState().graph.groups![0]).toEqual(before);
    expect(position(store, "bot")).toEqual({ x: 300, y: 0 });
  });
});
