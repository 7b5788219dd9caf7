import { describe, expect, it } from "vitest";
import { canConnect } from "@/lib/model/flow/connection-rules";
import { graph, link, node, orderTool, permit, reply, route } from "@/tests/support/flow-builders";

const base = () => [
  node("start", "start", {}, "Chat"),
  node("router", "router", { routes: [route("refund"), route("cancel")] }, "Intent router"),
  reply("agent", "Hello", {}),
  node("cond", "condition", { branches: [{ id: "big", label: "Big", expression: "state.total > 100" }] }, "Order size"),
  node("memo", "set_memory", { assignments: [{ key: "seen", value: "yes" }] }, "Remember"),
  orderTool(),
  node("done", "end", {}, "Done"),
];

const attempt = (source: string, sourceHandle: string | null, target: string, targetHandle: string | null = "in") => ({
  source,
  sourceHandle,
  target,
  targetHandle,
});

describe("canConnect", () => {
  const g = graph(base(), [link("start", "router")]);

  it("allows a route output into a node's input as a control link", () => {
    expect(canConnect(g, attempt("router", "refund", "agent"))).toEqual({ ok: true, kind: "control" });
    expect(canConnect(g, attempt("router", "low_confidence", "done"))).toEqual({ ok: true, kind: "control" });
  });

  it("reads null handles as the default output and input", () => {
    expect(canConnect(g, attempt("agent", null, "done", null))).toEqual({ ok: true, kind: "control" });
  });

  it("refuses outputs a node does not have, nodes without outputs, and inputs on a start node", () => {
    expect(canConnect(g, attempt("router", "billing", "agent"))).toEqual({
      ok: false,
      reason: "“Intent router” has no output called “billing”.",
    });
    expect(canConnect(g, attempt("done", "out", "agent"))).toEqual({
      ok: false,
      reason: "“Done” ends the conversation here, so nothing can follow it.",
    });
    expect(canConnect(g, attempt("agent", "out", "start"))).toEqual({
      ok: false,
      reason: "“Chat” cannot be entered from another node: conversations start there.",
    });
    expect(canConnect(g, attempt("agent", "out", "done", "permission"))).toMatchObject({ ok: false });
  });

  it("allows tool permissions only from an agent's tools handle to a tool's permission handle", () => {
    expect(canConnect(g, attempt("agent", "tools", "orders", "permission"))).toEqual({ ok: true, kind: "tool" });
    expect(canConnect(g, attempt("router", "tools", "orders", "permission"))).toEqual({
      ok: false,
      reason: "“Intent router” cannot grant tool permissions: only agents call tools.",
    });
    expect(canConnect(g, attempt("agent", "tools", "done", "permission"))).toEqual({
      ok: false,
      reason: "An agent's tools connect only to tool and remote agent nodes, and “Done” is neither.",
    });
    expect(canConnect(g, attempt("agent", "tools", "orders", "in"))).toEqual({
      ok: false,
      reason: "Connect to “orders”'s permission handle.",
    });
    expect(canConnect(g, attempt("agent", "out", "orders", "in"))).toEqual({ ok: true, kind: "control" });
  });

  it("reads a permission dragged from the tool back to the agent as agent → tool", () => {
    expect(canConnect(g, attempt("orders", "permission", "agent", "tools"))).toEqual({ ok: true, kind: "tool" });
    expect(canConnect(g, attempt("orders", "permission", "router", "tools"))).toMatchObject({ ok: false });
  });

  it("refuses a second link from an output that already leads somewhere, and a repeated permission", () => {
    const wired = graph(base(), [link("router", "agent", "refund"), permit("agent", "orders")]);
    expect(canConnect(wired, attempt("router", "refund", "done"))).toEqual({
      ok: false,
      reason: "This output of “Intent router” already leads to “agent”; remove that link first.",
    });
    expect(canConnect(wired, attempt("agent", "tools", "orders", "permission"))).toEqual({
      ok: false,
      reason: "“agent” may already call “orders”.",
    });
  });

  it("refuses a link that closes a loop without a wait point, and allows one through an agent", () => {
    const chain = graph(base(), [link("cond", "memo", "big"), link("memo", "agent"), link("agent", "cond")]);
    const loop = canConnect(graph(base(), [link("cond", "memo", "big")]), attempt("memo", "out", "cond"));
    expect(loop).toMatchObject({
      ok: false,
      reason: expect.stringContaining("This would make “Remember” loop without waiting for anyone"),
    });
    expect(canConnect(chain, attempt("cond", "else", "agent"))).toEqual({ ok: true, kind: "control" });
  });

  it("refuses a node leading to itself unless it waits", () => {
    expect(canConnect(g, attempt("memo", "out", "memo"))).toMatchObject({ ok: false });
    expect(canConnect(g, attempt("agent", "out", "agent"))).toEqual({ ok: true, kind: "control" });
  });

  it("refuses nodes that are not on the canvas", () => {
    expect(canConnect(g, attempt("ghost", "out", "done"))).toEqual({
      ok: false,
      reason: "One end of this link is not on the canvas any more.",
    });
  });
});
