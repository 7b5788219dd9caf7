// The dashboard's series colours, decided here rather than in the chart components (prepare, then visualise).
// Tailwind palette values, distinguishable for the common colour-vision deficiencies (indigo / teal / amber / rose),
// each at least 3:1 on white (WCAG 1.4.11: a bar or line is what tells the series apart).
export const SERIES_COLORS = {
  started: "#6366f1", // indigo-500
  resolved: "#0d9488", // teal-600
  escalated: "#d97706", // amber-600
  p50: "#6366f1", // indigo-500
  p95: "#312e81", // indigo-900
  tokensIn: "#0d9488", // teal-600
  tokensOut: "#d97706", // amber-600
} as const;
