// Links between the dashboard and its drill-down list, keeping the filters. Pure.
import { filtersQuery, type KpiFilters } from "./filters";

export const DASHBOARD_PATH = "/dashboard";
export const DRILL_PATH = "/dashboard/conversations";

export function dashboardHref(f: KpiFilters, extra: Record<string, string | null | undefined> = {}): string {
  return `${DASHBOARD_PATH}?${filtersQuery(f, extra)}`;
}

export function drillHref(f: KpiFilters, drill: Record<string, string>, page?: number): string {
  return `${DRILL_PATH}?${filtersQuery(f, { ...drill, page: page && page > 1 ? page : null })}`;
}
