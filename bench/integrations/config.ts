// bench/integrations.ts's options (env) and the fixed workload; see its header comment.
export const N = Number(process.env.BENCH_N ?? 30);
export const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
export const SETUP_N = Number(process.env.BENCH_SETUP_N ?? 10);
export const WEBHOOK_TRICKLE = Number(process.env.BENCH_WEBHOOK_TRICKLE ?? 20);
export const WEBHOOK_EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 200);
export const WEBHOOK_CONCURRENCY = Number(process.env.BENCH_WEBHOOK_CONCURRENCY ?? 4);
export const WEBHOOK_BACKLOG = Number(process.env.BENCH_WEBHOOK_BACKLOG ?? 200);
export const OTEL_TURNS = Number(process.env.BENCH_OTEL_TURNS ?? 100);
export const OTEL_BLOCK = Math.max(2, Number(process.env.BENCH_OTEL_BLOCK ?? 20));
export const OTEL_CONCURRENCY = Number(process.env.BENCH_OTEL_CONCURRENCY ?? 4);
export const ENGINE_CONCURRENCY = Number(process.env.ENGINE_CONCURRENCY ?? 8);
export const PARTS = new Set((process.env.BENCH_PARTS ?? "protocols,webhooks,otel").split(",").map((p) => p.trim()));

export const FLOW = "retail-support";
export const TOOL = "retail_support"; // the flow's MCP tool name
export const FIRST = "where is my order A1002";
export const FOLLOW_UP = "and what about order A1001?";
export const OTEL_VARS = [
  "OTEL_EXPORTER_OTLP_ENDPOINT",
  "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
  "OTEL_SDK_DISABLED",
  "OTEL_TRACES_EXPORTER",
];
