/** Chart legends write their text in slate-700 (10:1 on white): recharts' default, the series colour, reads at 2–3:1. */
export const legendText = (value: string) => <span className="text-slate-700">{value}</span>;
