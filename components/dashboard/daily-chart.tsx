"use client";
// Draws the prepared daily series; a click on a day opens the conversations started that day.
import { useRouter } from "next/navigation";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { legendLabel } from "./legend-label";
import { SERIES_COLORS } from "@/lib/features/dashboard/chart-colors";

export type DailyChartPoint = {
  day: string;
  label: string;
  started: number;
  resolved: number;
  escalated: number;
  href: string;
};

export function DailyChart({ points }: { points: DailyChartPoint[] }) {
  const router = useRouter();
  const open = (index: number) => {
    const point = points[index];
    if (point) router.push(point.href);
  };
  return (
    <div className="h-64 w-full" data-testid="daily-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={points}
          margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
          onClick={(state) => {
            const index = Number(state?.activeIndex ?? state?.activeTooltipIndex);
            if (Number.isInteger(index)) open(index);
          }}
          className="cursor-pointer"
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#64748b" }} interval="preserveStartEnd" minTickGap={16} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#64748b" }} />
          <Tooltip cursor={{ fill: "#eef2ff" }} />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendLabel} />
          <Bar
            dataKey="started"
            name="Started"
            fill={SERIES_COLORS.started}
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
            onClick={(_, index) => open(index)}
          />
          <Line
            dataKey="resolved"
            name="Resolved"
            stroke={SERIES_COLORS.resolved}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="escalated"
            name="Escalated"
            stroke={SERIES_COLORS.escalated}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
