// Graph-wide structure: one Start node, every node reachable from it, and no loop that could spin without waiting.
import { NODE_KIND_LIST, NODE_KINDS } from "@/lib/model/flow/registry";
import { error, name } from "./flow-issue";
import { reach, stronglyConnected } from "./graph-walk";
import type { Model, Shell } from "./read-graph";

const WAIT_POINTS = NODE_KIND_LIST.filter((spec) => spec.suspends)
  .map((spec) => spec.label.toLowerCase())
  .join(", ");

export function checkStarts(model: Model) {
  const starts = model.shells.filter((shell) => shell.kind === "start");
  if (starts.length === 0)
    model.issues.push(error("no_start", "The flow has no Start node, so no conversation can enter it."));
  for (const extra of starts.slice(1)) {
    model.issues.push({
      ...error(
        "multiple_starts",
        `${name(extra)} is a second Start node; a flow has exactly one entry. Remove it or turn it into another node.`,
      ),
      nodeId: extra.id,
    });
  }
}

export function checkReachability(model: Model) {
  const starts = model.shells.filter((shell) => shell.kind === "start").map((shell) => shell.id);
  if (starts.length === 0) return;
  const reached = reach(starts, model.next);
  for (const link of model.toolLinks) if (reached.has(link.source)) reached.add(link.target);
  for (const shell of model.shells) {
    if (reached.has(shell.id)) continue;
    const why =
      shell.kind && NODE_KINDS[shell.kind].toolLinks === "target"
        ? "no reachable agent has permission to call it and no step leads to it"
        : "no path from the Start node leads to it";
    model.issues.push({ ...error("unreachable", `${name(shell)} can never run: ${why}.`), nodeId: shell.id });
  }
}

/** Loops are legal only through a node that waits (for the customer, a person or a timer); otherwise a turn spins forever. */
export function checkLoops(model: Model) {
  const spins = (id: string) => {
    const kind = model.shellById.get(id)?.kind;
    return kind !== null && kind !== undefined && !NODE_KINDS[kind].suspends;
  };
  const next = new Map<string, string[]>();
  for (const [source, targets] of model.next) {
    if (spins(source)) next.set(source, targets.filter(spins));
  }
  for (const component of stronglyConnected([...next.keys()], next)) {
    const isLoop = component.length > 1 || (next.get(component[0]) ?? []).includes(component[0]);
    if (!isLoop) continue;
    const members = component
      .map((id) => model.shellById.get(id)!)
      .sort((a, b) => model.shells.indexOf(a) - model.shells.indexOf(b));
    model.issues.push({
      ...error(
        "loop_without_wait",
        `${listNames(members)} form a loop with no wait point, so a turn could run forever. Put a wait point in the loop (${WAIT_POINTS}).`,
      ),
      nodeId: members[0].id,
    });
  }
}

function listNames(shells: Shell[]): string {
  const names = shells.map(name);
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
