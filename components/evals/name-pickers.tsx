"use client";
// The case form's choices from the suite's flow: a route per turn from its routers' routes, and tools from its tool
// nodes, each shown by label with the name the engine and the traces use. A value the flow no longer has (a case
// written before a route was renamed) stays visible, marked, so saving explains it rather than dropping it.
import { clsx } from "clsx";
import { selectClass } from "@/components/ui/button";
import { labelWithName, type NamedItem } from "@/lib/model/flow/flow-names";

const ANY = "*";
const lines = (text: string) => text.split("\n").map((l) => l.trim());
const withUnknown = (known: NamedItem[], values: string[]): (NamedItem & { missing?: boolean })[] => [
  ...known,
  ...[...new Set(values)]
    .filter((v) => v && v !== ANY && !known.some((k) => k.name === v))
    .map((name) => ({ name, label: name, missing: true })),
];

function ErrorText({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={`${id}-error`} className="mt-1 text-xs text-rose-700" data-testid="field-error">
      {error}
    </p>
  ) : null;
}

/** One select per customer message; the value is the form's "route" column (one route per line, * = any). */
export function RoutePerTurn({
  id,
  turns,
  value,
  routes,
  error,
  onChange,
}: {
  id: string;
  turns: number;
  value: string;
  routes: NamedItem[];
  error?: string;
  onChange: (value: string) => void;
}) {
  const chosen = value.trim() ? lines(value) : [];
  const count = Math.max(1, turns, chosen.length);
  const options = withUnknown(routes, chosen);
  const set = (index: number, route: string) => {
    const next = Array.from({ length: count }, (_, i) => (i === index ? route : chosen[i] || ANY));
    while (next.length && next[next.length - 1] === ANY) next.pop();
    onChange(next.join("\n"));
  };
  return (
    <fieldset aria-describedby={clsx(`${id}-hint`, error && `${id}-error`)} data-testid="case-routes">
      <legend className="mb-1 block text-sm font-medium text-slate-700">Expected route per turn</legend>
      <div className="space-y-1.5">
        {Array.from({ length: count }, (_, index) => (
          <div key={index} className="flex items-center gap-2">
            <label htmlFor={`${id}-${index}`} className="w-14 shrink-0 text-xs text-slate-600">
              Turn {index + 1}
            </label>
            <select
              id={`${id}-${index}`}
              value={chosen[index] || ANY}
              onChange={(e) => set(index, e.target.value)}
              className={clsx(selectClass, "w-full")}
              aria-invalid={!!error}
              data-testid="case-route"
            >
              <option value={ANY}>Any route</option>
              {options.map((route) => (
                <option key={route.name} value={route.name}>
                  {route.missing ? `${route.name} (not in this flow)` : labelWithName(route)}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {routes.length
          ? "The route the flow's router should choose for each message."
          : "This flow has no router, so there is no route to check."}
      </p>
      <ErrorText id={id} error={error} />
    </fieldset>
  );
}

/** Tick the tools; the value is one tool name per line, like the CSV column. */
export function ToolChecklist({
  id,
  legend,
  value,
  tools,
  error,
  onChange,
  testId,
}: {
  id: string;
  legend: string;
  value: string;
  tools: NamedItem[];
  error?: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  const chosen = lines(value).filter(Boolean);
  const options = withUnknown(tools, chosen);
  const toggle = (name: string) =>
    onChange((chosen.includes(name) ? chosen.filter((n) => n !== name) : [...chosen, name]).join("\n"));
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined} data-testid={testId}>
      <legend className="mb-1 block text-sm font-medium text-slate-700">{legend}</legend>
      {options.length ? (
        <ul className="space-y-1">
          {options.map((tool) => (
            <li key={tool.name}>
              <label className="flex items-start gap-2 text-sm text-slate-700">
                <input
                  type="checkbox"
                  checked={chosen.includes(tool.name)}
                  onChange={() => toggle(tool.name)}
                  className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600"
                  aria-invalid={tool.missing && !!error}
                />
                <span>
                  {tool.missing ? tool.name : tool.label}{" "}
                  <span className={clsx("font-mono text-xs", tool.missing ? "text-rose-700" : "text-slate-500")}>
                    {tool.missing ? "not in this flow" : tool.name}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-xs text-slate-500">This flow has no tools.</p>
      )}
      <ErrorText id={id} error={error} />
    </fieldset>
  );
}
