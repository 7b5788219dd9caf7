// @ts-check
// The production web server `npm start` runs instead of `next start`: Next.js's own request handler for everything
// but the public API's turn path (scripts/lib/direct-routes.mjs), whose handlers it calls itself. Run from the
// project root after `next build`: `node scripts/web-server.mjs -p <port>`.
import http from "node:http";
import path from "node:path";
import next from "next";
import { DIRECT_BODY_LIMIT, loadDirectRoutes, matchDirect } from "./lib/direct-routes.mjs";
import { readBody, sendWebResponse, toWebRequest } from "./lib/node-web-bridge.mjs";

const root = process.cwd();
const portFlag = process.argv.indexOf("-p");
const port = Number(portFlag === -1 ? (process.env.PORT ?? 3000) : process.argv[portFlag + 1]);
const say = (/** @type {string} */ line) => console.log(`[switchboard] web server: ${line}`);

/**
 * @param {import("./lib/direct-routes.mjs").DirectMatch} match
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 */
async function serveDirect(match, req, res) {
  try {
    const request = toWebRequest(req, res, await readBody(req, DIRECT_BODY_LIMIT));
    await sendWebResponse(res, await match.handler(request, { params: Promise.resolve(match.params) }));
  } catch (error) {
    // The handlers answer their own errors (lib/interfaces/api/handle-api-request.ts); this is for a request that
    // broke around one, e.g. a client that left mid-body.
    console.error("[api]", error instanceof Error ? error.message : error);
    if (res.headersSent) res.destroy();
    else {
      res.writeHead(500, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify({ error: { code: "INTERNAL", message: "Something went wrong." } }));
    }
  }
}

async function main() {
  const app = next({ dev: false, dir: root, hostname: "localhost", port });
  await app.prepare();
  const handleWithNext = app.getRequestHandler();
  const direct = await loadDirectRoutes(path.join(root, ".next"), say);
  const server = http.createServer((req, res) => {
    const match = matchDirect(direct, req.method, req.url);
    if (match) void serveDirect(match, req, res);
    else void handleWithNext(req, res);
  });
  server.listen(port, () => say(`listening on port ${port}, ${direct.length} API routes served directly`));
  // As `next start` does: exit at once (an open event stream would hold server.close() forever). The engine's
  // in-process worker starts stopping on the same signal (instrumentation.ts); claims it cannot release expire.
  process.once("SIGTERM", () => process.exit(143));
  process.once("SIGINT", () => process.exit(130));
}

main().catch((error) => {
  console.error(`[switchboard] web server could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
