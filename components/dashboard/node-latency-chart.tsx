"use client";
// Draws the prepared per-node latency (p50 and p95 bars); a click on a node opens the conversations that ran it.
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { legendLabel } from "./legend-label";
import { SERIES_COLORS } from "@/lib/features/dashboard/chart-colors";

export type NodeLatencyPoint = { key: string; label: string; p50: number | null; p95: number | null; href: string };

export function NodeLatencyChart({ bars }: { bars: NodeLatencyPoint[] }) {
  const router = useRouter();
  const open = (index: number) => {
    const bar = bars[index];
    if (bar) router.push(bar.href);
  };
  return (
    <div className="w-full" style={{ height: Math.max(160, bars.length * 34 + 60) }} data-testid="node-latency-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
          <XAxis type="number" tick={{ fontSize: 11, fill: "#64748b" }} unit=" ms" />
          <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 11, fill: "#334155" }} />
          <Tooltip formatter={(value) => `${Math.round(Number(value))} ms`} cursor={{ fill: "#eef2ff" }} />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendLabel} />
          <Bar
            dataKey="p50"
            name="p50"
            fill={SERIES_COLORS.p50}
            isAnimationActive={false}
            onClick={(_, index) => open(index)}
            className="cursor-pointer"
          />
          <Bar
            dataKey="p95"
            name="p95"
            fill={SERIES_COLORS.p95}
            isAnimationActive={false}
            onClick={(_, index) => open(index)}
            className="cursor-pointer"
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
