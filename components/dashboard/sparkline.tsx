// A KPI's trend as a small inline SVG: a line over the period's buckets, gaps where a bucket had nothing to compute
// the KPI from. An image to assistive technology, named by a sentence that says what the line does.

const WIDTH = 120;
const HEIGHT = 28;
const PAD = 2;

export function Sparkline({ points, summary }: { points: (number | null)[]; summary: string }) {
  const known = points.filter((p): p is number => p !== null);
  const min = Math.min(...known);
  const max = Math.max(...known);
  const x = (i: number) =>
    PAD + (points.length < 2 ? (WIDTH - 2 * PAD) / 2 : (i * (WIDTH - 2 * PAD)) / (points.length - 1));
  const y = (v: number) => (max === min ? HEIGHT / 2 : HEIGHT - PAD - ((v - min) * (HEIGHT - 2 * PAD)) / (max - min));
  // One path with a move (M) after every gap, so a missing bucket is not drawn as a slope.
  let d = "";
  let pen = false;
  points.forEach((p, i) => {
    if (p === null) {
      pen = false;
      return;
    }
    d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(p).toFixed(1)}`;
    pen = true;
  });
  const lastIndex = points.findLastIndex((p) => p !== null);
  return (
    <svg
      role="img"
      aria-label={summary}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="h-7 w-full max-w-[10rem] text-indigo-600"
      preserveAspectRatio="none"
      data-testid="kpi-sparkline"
    >
      <title>{summary}</title>
      {known.length > 0 ? (
        <>
          <path d={d} fill="none" stroke="currentColor" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
          <circle cx={x(lastIndex)} cy={y(points[lastIndex]!)} r={2} fill="currentColor" />
        </>
      ) : (
        <line x1={PAD} x2={WIDTH - PAD} y1={HEIGHT / 2} y2={HEIGHT / 2} stroke="#cbd5e1" strokeDasharray="3 3" />
      )}
    </svg>
  );
}
