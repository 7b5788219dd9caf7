// Recharts colours each legend label like its series; light series colours made the labels unreadable (2.2–3.2:1).
// The swatch beside the label keeps the series colour; the words are slate-700 (10:1 on white).
export function legendLabel(value: string) {
  return <span className="text-slate-700">{value}</span>;
}
