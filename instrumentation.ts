// Runs once when the web server starts. On the embedded default the engine's worker runs inside the web server;
// set ENGINE_IN_PROCESS_WORKER=false for web-only instances and run `npm run worker` processes instead.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // A web-only instance still runs the turns it accepts when their conversation is free: it exports them too.
  const { exportFinishedTurns } = await import("./lib/interfaces/otel/export-event-trace");
  exportFinishedTurns();
  if (process.env.ENGINE_IN_PROCESS_WORKER === "false") return;
  const { startEngineWorker } = await import("./lib/interfaces/worker/start-worker");
  const worker = await startEngineWorker();
  const stop = () => void worker.stop();
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
