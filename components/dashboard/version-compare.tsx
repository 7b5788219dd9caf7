import { clsx } from "clsx";
import { buttonClass, selectClass } from "@/components/ui/button";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { filtersQuery, type KpiFilters } from "@/lib/features/dashboard/filters";
import type { Tone } from "@/lib/features/dashboard/kpi-deltas";
import type { CompareRow } from "@/lib/features/dashboard/prepare-version-compare";

const TONE: Record<Tone, string> = {
  neutral: "text-slate-600",
  good: "text-emerald-700",
  warn: "text-amber-700",
  bad: "text-rose-700",
};

/** Version A and B of the selected flow, KPI by KPI. A plain GET form, so the comparison is a URL too. */
export function VersionCompare({
  action,
  filters,
  versions,
  a,
  b,
  rows,
  labelA,
  labelB,
}: {
  action: string;
  filters: KpiFilters;
  versions: { id: string; number: number }[];
  a?: string;
  b?: string;
  rows: CompareRow[] | null;
  labelA: string;
  labelB: string;
}) {
  if (versions.length < 2)
    return <p className="text-sm text-slate-600">This flow has one published version; publish another to compare.</p>;
  const keep = new URLSearchParams(filtersQuery({ ...filters, versionId: null }));
  return (
    <div>
      <form action={action} className="mb-3 flex flex-wrap items-end gap-3" aria-label="Versions to compare">
        {[...keep.entries()].map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {(["a", "b"] as const).map((name) => (
          <label key={name} className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            Version {name.toUpperCase()}
            <select
              name={name}
              defaultValue={(name === "a" ? a : b) ?? versions[name === "a" ? 1 : 0]?.id}
              className={selectClass}
            >
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  v{v.number}
                </option>
              ))}
            </select>
          </label>
        ))}
        <button type="submit" className={buttonClass("secondary", "md")}>
          Compare
        </button>
      </form>
      {rows ? (
        <Table caption={`${labelA} against ${labelB}`} className="shadow-none">
          <THead>
            <Th>KPI</Th>
            <Th className="text-right">A ({labelA})</Th>
            <Th className="text-right">B ({labelB})</Th>
            <Th className="text-right">Change</Th>
          </THead>
          <TBody>
            {rows.map((r) => (
              <tr key={r.key}>
                <Td className="font-medium text-slate-800">{r.label}</Td>
                <Td className="text-right tabular-nums">{r.a}</Td>
                <Td className="text-right tabular-nums">{r.b}</Td>
                <Td className={clsx("text-right tabular-nums", r.delta ? TONE[r.delta.tone] : "text-slate-500")}>
                  {r.delta?.text ?? "—"}
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      ) : null}
    </div>
  );
}
