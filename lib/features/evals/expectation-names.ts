// Whether a case's expectations name routes and tools the suite's flow has. A misspelt route or tool would save and
// then fail every run, looking like the flow's fault; checked on save and on import, it is refused with the bad value
// named, a close match suggested and the flow's own names listed.
import { labelWithName, type NamedItem } from "@/lib/model/flow/flow-names";
import type { CaseExpectations } from "./expectations";

export type FlowNames = { routes: NamedItem[]; tools: NamedItem[] };

/** One problem, at the expectation field it is in (as the case form and the action's fieldErrors name it). */
export type NameProblem = { field: string; message: string };

const LISTED = 8;

export function unknownNames(expectations: CaseExpectations, names: FlowNames): NameProblem[] {
  const problems: NameProblem[] = [];
  const check = (field: string, what: "route" | "tool", values: readonly (string | null)[] | undefined) => {
    const known = what === "route" ? names.routes : names.tools;
    for (const value of values ?? []) {
      if (value === null || known.some((item) => item.name === value)) continue;
      problems.push({ field: `expectations.${field}`, message: unknownMessage(what, value, known) });
    }
  };
  check("routes", "route", expectations.routes);
  check("toolsCalled", "tool", expectations.toolsCalled);
  check("toolsNotCalled", "tool", expectations.toolsNotCalled);
  return problems;
}

function unknownMessage(what: "route" | "tool", value: string, known: NamedItem[]): string {
  if (!known.length) return `“${value}” is not a ${what} of this flow: it has no ${what}s.`;
  const close = closest(value, known);
  const list = known.slice(0, LISTED).map(labelWithName).join(", ");
  const more = known.length > LISTED ? ` and ${known.length - LISTED} more` : "";
  return `“${value}” is not a ${what} of this flow.${close ? ` Did you mean ${close.name}?` : ""} Its ${what}s: ${list}${more}.`;
}

/** The known name a typo most likely meant: within a third of its length in edits, or the same words reordered. */
function closest(value: string, known: NamedItem[]): NamedItem | undefined {
  const words = (s: string) =>
    s
      .toLowerCase()
      .split(/[_\s-]+/)
      .sort()
      .join(" ");
  const reordered = known.find((item) => words(item.name) === words(value));
  if (reordered) return reordered;
  let best: { item: NamedItem; distance: number } | undefined;
  for (const item of known) {
    const distance = editDistance(value.toLowerCase(), item.name.toLowerCase());
    if (!best || distance < best.distance) best = { item, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(value.length / 3)) ? best.item : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** The names of both graphs (the draft and the live version), once each, the draft's first. */
export function mergeFlowNames(all: FlowNames[]): FlowNames {
  const merge = (lists: NamedItem[][]) => {
    const seen = new Map<string, NamedItem>();
    for (const item of lists.flat()) if (!seen.has(item.name)) seen.set(item.name, item);
    return [...seen.values()];
  };
  return { routes: merge(all.map((n) => n.routes)), tools: merge(all.map((n) => n.tools)) };
}
