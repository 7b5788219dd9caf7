// The origin external systems reach this app at, for absolute URLs in payloads they receive (a handoff's callbacks).
// `npm start` sets NEXTAUTH_URL for the web server and its in-process worker; a separate worker process gets the same
// environment in a real deployment.
export function publicOrigin(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.NEXTAUTH_URL?.trim();
  return (configured || `http://localhost:${env.PORT?.trim() || "3000"}`).replace(/\/+$/, "");
}
