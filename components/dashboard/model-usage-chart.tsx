"use client";
// Draws the prepared tokens per model (input and output, stacked); a click on a model opens the conversations using it.
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { legendLabel } from "./legend-label";
import { SERIES_COLORS } from "@/lib/features/dashboard/chart-colors";

export type ModelUsagePoint = { model: string; tokensIn: number; tokensOut: number; href: string };

export function ModelUsageChart({ rows }: { rows: ModelUsagePoint[] }) {
  const router = useRouter();
  const open = (index: number) => {
    const row = rows[index];
    if (row) router.push(row.href);
  };
  return (
    <div className="h-56 w-full" data-testid="model-usage-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="model" tick={{ fontSize: 11, fill: "#334155" }} />
          <YAxis
            tick={{ fontSize: 11, fill: "#64748b" }}
            tickFormatter={(v: number) => new Intl.NumberFormat("en", { notation: "compact" }).format(v)}
          />
          <Tooltip
            cursor={{ fill: "#eef2ff" }}
            formatter={(value) => new Intl.NumberFormat("en").format(Number(value))}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendLabel} />
          <Bar
            dataKey="tokensIn"
            name="Input tokens"
            stackId="t"
            fill={SERIES_COLORS.tokensIn}
            isAnimationActive={false}
            onClick={(_, index) => open(index)}
            className="cursor-pointer"
          />
          <Bar
            dataKey="tokensOut"
            name="Output tokens"
            stackId="t"
            fill={SERIES_COLORS.tokensOut}
            isAnimationActive={false}
            onClick={(_, index) => open(index)}
            className="cursor-pointer"
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
