import { FilterBar, FilterSelect } from "@/components/ui/filter-bar";
import { inputClass } from "@/components/ui/button";
import type { KpiFilters } from "@/lib/features/dashboard/filters";
import type { FilterOptions } from "@/lib/features/dashboard/queries";
import { CUSTOMER_CHANNELS } from "@/lib/model/flow/channels";

/** Flow, version, channel and (for the custom range) dates as a GET form: every view is a URL that can be shared or bookmarked. */
export function DashboardFilters({
  action,
  filters,
  options,
  hidden = {},
}: {
  action: string;
  filters: KpiFilters;
  options: FilterOptions;
  hidden?: Record<string, string>;
}) {
  const flow = options.flows.find((f) => f.id === filters.flowId);
  const active = Boolean(filters.flowId || filters.channel);
  return (
    <FilterBar action={action} resetHref={action} active={active}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FilterSelect
        name="flow"
        label="Flow"
        allLabel="All flows"
        defaultValue={filters.flowId ?? ""}
        options={options.flows.map((f) => ({ value: f.id, label: f.name }))}
      />
      {flow ? (
        <FilterSelect
          name="version"
          label="Version"
          allLabel="All versions"
          defaultValue={filters.versionId ?? ""}
          options={flow.versions.map((v) => ({ value: v.id, label: `v${v.number}` }))}
        />
      ) : null}
      <FilterSelect
        name="channel"
        label="Channel"
        allLabel="All channels"
        defaultValue={filters.channel ?? ""}
        options={CUSTOMER_CHANNELS.map((c) => ({ value: c, label: c }))}
      />
      {filters.range ? (
        // A relative range keeps its name through the form; its dates are picked with "Custom".
        <input type="hidden" name="range" value={filters.range} />
      ) : (
        <>
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            From (UTC)
            <input type="date" name="from" defaultValue={filters.from} className={`${inputClass} w-40`} required />
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            To (UTC)
            <input type="date" name="to" defaultValue={filters.to} className={`${inputClass} w-40`} required />
          </label>
        </>
      )}
    </FilterBar>
  );
}
