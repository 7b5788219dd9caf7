// The size of bench/trace-render.ts's conversation (env); see its header comment.
export const SPANS = Number(process.env.BENCH_SPANS ?? 500);
export const TURNS = Number(process.env.BENCH_TURNS ?? 10);
