import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "@/lib/interfaces/api/limits";
import {
  DIRECT_BODY_LIMIT,
  DIRECT_ROUTES,
  loadDirectRoutes,
  matchDirect,
  type DirectRoute,
} from "@/scripts/lib/direct-routes.mjs";

const handler = async () => new Response(null);
const route = (pattern: string, method: string): DirectRoute => ({
  route: pattern,
  method,
  segments: pattern.split("/").slice(1),
  handler,
});

describe("the web server's direct routes", () => {
  const routes = [
    route("/api/v1/conversations", "POST"),
    route("/api/v1/conversations/[id]/messages", "POST"),
    route("/api/v1/conversations/[id]/turns/[eventId]", "GET"),
  ];

  it("matches the turn path by method and segments, with decoded params and the query left out", () => {
    expect(matchDirect(routes, "POST", "/api/v1/conversations")?.params).toEqual({});
    expect(matchDirect(routes, "POST", "/api/v1/conversations/c%201/messages?x=1")?.params).toEqual({ id: "c 1" });
    expect(matchDirect(routes, "GET", "/api/v1/conversations/c1/turns/e1")?.params).toEqual({
      id: "c1",
      eventId: "e1",
    });
  });

  it("leaves everything else to Next.js", () => {
    expect(matchDirect(routes, "GET", "/api/v1/conversations")).toBeNull(); // another method
    expect(matchDirect(routes, "POST", "/api/v1/conversations/")).toBeNull(); // Next.js redirects trailing slashes
    expect(matchDirect(routes, "POST", "/api/v1/conversations/c1")).toBeNull();
    expect(matchDirect(routes, "POST", "/api/v1/conversations//messages")).toBeNull(); // an empty id
    expect(matchDirect(routes, "POST", "/api/v1/conversations/%E0%A4%A/messages")).toBeNull(); // a malformed escape
    expect(matchDirect(routes, "POST", "/api/v2/conversations")).toBeNull();
    expect(matchDirect(routes, undefined, "/api/v1/conversations")).toBeNull();
  });

  it("reads bodies up to the public API's own limit", () => {
    expect(DIRECT_BODY_LIMIT).toBe(MAX_BODY_BYTES);
  });
});

describe("loading the built handlers", () => {
  let dist: string;
  afterEach(() => rmSync(dist, { recursive: true, force: true }));

  function build(modules: Record<string, string>) {
    dist = mkdtempSync(path.join(os.tmpdir(), "direct-routes-"));
    const manifest: Record<string, string> = {};
    for (const [route, source] of Object.entries(modules)) {
      const file = `app${route}/route.js`;
      manifest[`${route}/route`] = file;
      mkdirSync(path.dirname(path.join(dist, "server", file)), { recursive: true });
      writeFileSync(path.join(dist, "server", file), source);
    }
    writeFileSync(path.join(dist, "server", "app-paths-manifest.json"), JSON.stringify(manifest));
  }

  const lazyModule = (methods: string) => `
    let userland;
    module.exports = { routeModule: {
      async ensureUserland() { userland = { ${methods} }; },
      get userland() { if (!userland) throw new Error("not loaded yet"); return userland; },
    } };`;

  it("takes each route's handler from its built module once the module has loaded it", async () => {
    build({
      "/api/v1/conversations": lazyModule(`POST: async () => new Response("started")`),
      "/api/v1/conversations/[id]/messages": lazyModule(`POST: async (_r, c) => new Response((await c.params).id)`),
      "/api/v1/conversations/[id]/turns/[eventId]": lazyModule(`GET: async () => new Response("turn")`),
    });
    const warnings: string[] = [];
    const loaded = await loadDirectRoutes(dist, (line) => warnings.push(line));
    expect(warnings).toEqual([]);
    expect(loaded.map((r) => `${r.method} ${r.route}`)).toEqual(DIRECT_ROUTES.map((r) => `${r.method} ${r.route}`));
    const match = matchDirect(loaded, "POST", "/api/v1/conversations/c9/messages");
    const response = await match!.handler(new Request("http://x/"), { params: Promise.resolve(match!.params) });
    expect(await response.text()).toBe("c9");
  });

  it("leaves a route it cannot load to Next.js and says which", async () => {
    build({
      "/api/v1/conversations": lazyModule(`GET: async () => new Response("")`), // no POST
      "/api/v1/conversations/[id]/messages": `module.exports = {};`, // not a route module
    });
    const warnings: string[] = [];
    const loaded = await loadDirectRoutes(dist, (line) => warnings.push(line));
    expect(loaded.map((r) => r.route)).toEqual([]);
    expect(warnings).toEqual([
      expect.stringMatching(/^POST \/api\/v1\/conversations goes through Next\.js: its module has no POST/),
      expect.stringMatching(/^POST \/api\/v1\/conversations\/\[id\]\/messages goes through Next\.js/),
      expect.stringMatching(/turns\/\[eventId\] goes through Next\.js: it is not in the build's app-paths manifest/),
    ]);
  });

  it("serves nothing directly without a build", async () => {
    dist = mkdtempSync(path.join(os.tmpdir(), "direct-routes-"));
    const warnings: string[] = [];
    expect(await loadDirectRoutes(dist, (line) => warnings.push(line))).toEqual([]);
    expect(warnings[0]).toMatch(/every request goes through Next\.js/);
  });
});
