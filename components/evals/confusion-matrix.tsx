// Expected route (rows) × chosen route (columns); the diagonal holds the right answers. Shaded by count.
import { clsx } from "clsx";
import { ScrollRegion } from "@/components/ui/scroll-region";
import type { ConfusionMatrix as Matrix } from "@/lib/features/evals/prepare-run-report";

export function ConfusionMatrix({ matrix }: { matrix: Matrix }) {
  return (
    <ScrollRegion label="Confusion matrix">
      <table className="text-sm" data-testid="confusion-matrix">
        <caption className="sr-only">
          Confusion matrix: rows are the expected route, columns the route the flow chose
        </caption>
        <thead>
          <tr>
            <th scope="col" className="px-2 py-1 text-left text-xs font-medium text-slate-500">
              Expected ↓ / chosen →
            </th>
            {matrix.actual.map((label) => (
              <th
                key={label}
                scope="col"
                className="px-2 py-1 text-center font-mono text-xs font-medium text-slate-600"
              >
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.expected.map((row, r) => (
            <tr key={row}>
              <th scope="row" className="px-2 py-1 text-left font-mono text-xs font-medium text-slate-600">
                {row}
              </th>
              {matrix.actual.map((col, c) => {
                const count = matrix.counts[r][c];
                const diagonal = row === col;
                const strength = matrix.max ? count / matrix.max : 0;
                return (
                  <td
                    key={col}
                    className={clsx(
                      "min-w-12 border border-white px-2 py-1 text-center tabular-nums",
                      count === 0
                        ? "bg-slate-50 text-slate-500"
                        : diagonal
                          ? strength > 0.5
                            ? "bg-emerald-200 text-emerald-900"
                            : "bg-emerald-100 text-emerald-900"
                          : strength > 0.5
                            ? "bg-rose-200 text-rose-900"
                            : "bg-rose-100 text-rose-900",
                    )}
                    aria-label={`${count} expected ${row}, chosen ${col}`}
                  >
                    {count}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
