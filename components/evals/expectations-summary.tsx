// A case's expectations as short sentences ("Turn 1 → Order status (order_status)", "Calls Order lookup
// (lookup_order)"), for the case list: routes and tools by their label in the suite's flow, with the name beside it.
import type { FlowNames } from "@/lib/features/evals/expectation-names";
import type { CaseExpectations } from "@/lib/features/evals/expectations";
import { labelWithName, type NamedItem } from "@/lib/model/flow/flow-names";

const named = (items: NamedItem[] | undefined, name: string) =>
  labelWithName(items?.find((item) => item.name === name) ?? { name, label: name });

export function describeExpectations(e: CaseExpectations, names?: FlowNames): string[] {
  const out: string[] = [];
  (e.routes ?? []).forEach((route, i) => {
    if (route !== null) out.push(`Turn ${i + 1} → ${named(names?.routes, route)}`);
  });
  for (const tool of e.toolsCalled ?? []) out.push(`Calls ${named(names?.tools, tool)}`);
  for (const tool of e.toolsNotCalled ?? []) out.push(`Never calls ${named(names?.tools, tool)}`);
  if (e.escalated !== undefined) out.push(e.escalated ? "Escalates" : "Does not escalate");
  if (e.finalStatus) out.push(`Ends ${e.finalStatus}`);
  for (const text of e.replyContains ?? []) out.push(`Reply contains “${text}”`);
  for (const text of e.replyNotContains ?? []) out.push(`No reply contains “${text}”`);
  for (const turn of e.exactWordingTurns ?? []) out.push(`Turn ${turn} exact-worded`);
  for (const policy of e.guardrailsTriggered ?? []) out.push(`Guardrail ${policy} fires`);
  return out;
}

export function ExpectationsSummary({ expectations, names }: { expectations: CaseExpectations; names?: FlowNames }) {
  const items = describeExpectations(expectations, names);
  if (!items.length)
    return (
      <span className="text-xs text-slate-500">
        No expectations: passes when the script runs without an engine failure.
      </span>
    );
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Expectations">
      {items.map((item, i) => (
        <li key={i} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
          {item}
        </li>
      ))}
    </ul>
  );
}
