// The dashboard's series colours, decided here rather than in the chart components (prepare, then visualise).
// Tailwind palette values, distinguishable for the common colour-vision deficiencies (indigo / teal / amber / rose).
export const SERIES_COLORS = {
  started: "#6366f1", // indigo-500
  resolved: "#0d9488", // teal-600
  escalated: "#d97706", // amber-600
  p50: "#818cf8", // indigo-400
  p95: "#4338ca", // indigo-700
  tokensIn: "#14b8a6", // teal-500
  tokensOut: "#f59e0b", // amber-500
} as const;
