// Number formatting for the benches' printed reports.

/** The number with `digits` decimals; "∞" for a failure counted as infinitely slow, "n/a" for a quantile of nothing. */
export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : n === Infinity ? "∞" : "n/a");
