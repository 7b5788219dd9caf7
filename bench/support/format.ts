// Number formatting for the benches' printed reports.

/** The number with `digits` decimals; "n/a" when it is not finite (e.g. a quantile of nothing). */
export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");
