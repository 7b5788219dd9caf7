import { describe, expect, it } from "vitest";
import { connectCommands, matchesCommand } from "@/components/flows/connect-commands";
import { outputTargets } from "@/components/flows/graph-operations";
import { createEditorStore } from "@/components/flows/store";
import { graph, link, node, reply, route } from "@/tests/support/flow-builders";

const base = graph(
  [
    node("start", "start"),
    node("router", "router", { routes: [route("billing"), route("technical")] }, "Intent"),
    reply("bill", "Billing here."),
    reply("tech", "Tech here."),
    node("done", "end"),
  ],
  [link("start", "router"), link("router", "bill", "billing")],
);

describe("connectCommands", () => {
  it("offers, per output, exactly the targets the connection rule accepts, minus the current one", () => {
    const commands = connectCommands(base, "router");
    for (const handle of ["billing", "technical"]) {
      const offered = commands.filter((c) => c.handle === handle).map((c) => c.targetId);
      const allowed = outputTargets(base, "router", handle).map((n) => n.id);
      expect(offered).toEqual(allowed.filter((id) => !(handle === "billing" && id === "bill")));
    }
    expect(commands.some((c) => c.targetId === "start")).toBe(false);
    const billingToTech = commands.find((c) => c.handle === "billing" && c.targetId === "tech")!;
    expect(billingToTech).toMatchObject({ title: "Connect Intent (billing) → tech", replaces: "now → bill" });
    expect(connectCommands(base, null)).toEqual([]);
  });

  it("matches every word of the query", () => {
    const commands = connectCommands(base, "router");
    expect(commands.filter((c) => matchesCommand(c, "Connect TECHNICAL done")).map((c) => c.key)).toEqual([
      "connect:router:technical:done",
    ]);
    expect(commands.filter((c) => matchesCommand(c, "connect nowhere"))).toEqual([]);
  });

  it("runs as one undo step, replacing the output's old link", () => {
    const store = createEditorStore(base);
    const command = connectCommands(base, "router").find((c) => c.handle === "billing" && c.targetId === "tech")!;
    expect(store.getState().setOutputTarget(command.sourceId, command.handle, command.targetId)).toEqual({ ok: true });
    const fromBilling = store
      .getState()
      .graph.edges.filter((e) => e.source === "router" && e.sourceHandle === "billing");
    expect(fromBilling.map((e) => e.target)).toEqual(["tech"]);
    store.getState().undo();
    expect(store.getState().graph).toBe(base);
  });
});
