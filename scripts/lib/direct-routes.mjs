// @ts-check
// The public API's turn path, called by the web server itself instead of through Next.js's router and app-route
// runtime, which cost about a fifth of the web process's CPU per turn (bench:engine with BENCH_PROFILE=1). The
// handlers are the ones Next.js built and runs, from the build's own route modules: the same module instances
// (caches, rate limits, the LISTEN connection). Other methods and paths, and any route that cannot be loaded, still
// go through Next.js.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** The routes of a customer's turn; the rest of /api/v1 keeps Next.js's compression of larger bodies. */
export const DIRECT_ROUTES = [
  { route: "/api/v1/conversations", method: "POST" },
  { route: "/api/v1/conversations/[id]/messages", method: "POST" },
  { route: "/api/v1/conversations/[id]/turns/[eventId]", method: "GET" },
];

/** The public API's body limit (MAX_BODY_BYTES in lib/interfaces/api/limits.ts; a unit test keeps them equal). */
export const DIRECT_BODY_LIMIT = 64 * 1024;

/**
 * @typedef {(request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>} RouteHandler
 * @typedef {{ route: string, method: string, segments: string[], handler: RouteHandler }} DirectRoute
 * @typedef {{ handler: RouteHandler, params: Record<string, string> }} DirectMatch
 */

const splitPath = (/** @type {string} */ pathname) => pathname.split("/").slice(1);

/** @param {string} segment */
function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null; // a malformed escape: Next.js answers it
  }
}

/**
 * The handler and params for a method and URL, or null for Next.js to serve.
 * @param {DirectRoute[]} routes
 * @param {string | undefined} method
 * @param {string | undefined} url
 * @returns {DirectMatch | null}
 */
export function matchDirect(routes, method, url) {
  if (!method || !url) return null;
  const query = url.indexOf("?");
  const parts = splitPath(query === -1 ? url : url.slice(0, query));
  for (const route of routes) {
    if (route.method !== method || route.segments.length !== parts.length) continue;
    /** @type {Record<string, string>} */
    const params = {};
    let matched = true;
    for (let i = 0; i < parts.length && matched; i++) {
      const segment = route.segments[i];
      if (segment.startsWith("[")) {
        const value = decodeSegment(parts[i]);
        if (!value) matched = false;
        else params[segment.slice(1, -1)] = value;
      } else matched = segment === parts[i];
    }
    if (matched) return { handler: route.handler, params };
  }
  return null;
}

/**
 * Each direct route's handler from the production build in `distDir`. A route whose module or method is not where
 * this expects (a Next.js upgrade that moved them) is left to Next.js and named in `warn`.
 * @param {string} distDir
 * @param {(line: string) => void} warn
 * @returns {Promise<DirectRoute[]>}
 */
export async function loadDirectRoutes(distDir, warn) {
  const manifestFile = path.join(distDir, "server", "app-paths-manifest.json");
  if (!existsSync(manifestFile)) {
    warn(`no ${manifestFile}: every request goes through Next.js`);
    return [];
  }
  /** @type {Record<string, string>} */
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
  const requireBuilt = createRequire(manifestFile);
  /** @type {DirectRoute[]} */
  const loaded = [];
  for (const { route, method } of DIRECT_ROUTES) {
    try {
      const file = manifest[`${route}/route`];
      if (!file) throw new Error("it is not in the build's app-paths manifest");
      const built = requireBuilt(path.join(distDir, "server", file)).routeModule;
      await built?.ensureUserland?.();
      const handler = built?.userland?.[method];
      if (typeof handler !== "function") throw new Error(`its module has no ${method} handler where expected`);
      loaded.push({ route, method, segments: splitPath(route), handler });
    } catch (error) {
      warn(`${method} ${route} goes through Next.js: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return loaded;
}
