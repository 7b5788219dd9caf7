// Who hears that an event's processing is over, wherever it ran: a worker's job or the process that accepted the
// message (run-where-accepted.ts). The OpenTelemetry export subscribes (lib/interfaces/otel), which the runtime may
// not import. Kept on globalThis: Next.js bundles the instrumentation hook and the route handlers apart, and a
// listener the one registers must hear the turns the other runs.
const globalForTurns = globalThis as unknown as { switchboardTurnListeners?: Map<string, (eventId: string) => void> };

function listeners(): Map<string, (eventId: string) => void> {
  globalForTurns.switchboardTurnListeners ??= new Map();
  return globalForTurns.switchboardTurnListeners;
}

/** One listener per `name`: registering again (another bundle's copy of the module) replaces it. */
export function onTurnFinished(name: string, listener: (eventId: string) => void): void {
  listeners().set(name, listener);
}

/** Tells every listener; a listener's failure never reaches the turn. */
export function turnFinished(eventId: string): void {
  for (const listener of listeners().values()) {
    try {
      listener(eventId);
    } catch {}
  }
}
