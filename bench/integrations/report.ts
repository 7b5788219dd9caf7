// bench/integrations.ts's report helpers: ratios, the machine's load average, aligned tables.
import os from "node:os";

export const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : "n/a");
export const load = () =>
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ")} (1/5/15 min) on ${os.cpus().length} cores`;

export function table(rows: string[][]) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows)
    console.log(
      `  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i] + 2))).join("")}`,
    );
}
