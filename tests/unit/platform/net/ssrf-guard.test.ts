import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { createSecureContext } from "node:tls";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyAddress } from "@/lib/platform/net/address-classification";
import type { DnsLookup } from "@/lib/platform/net/dns-lookup";
import { allowlistFromEnv, parseAllowHosts } from "@/lib/platform/net/host-allowlist";
import { HttpToolError, SsrfBlockedError } from "@/lib/platform/net/outbound-errors";
import { safeFetch } from "@/lib/platform/net/safe-fetch";
import { assertPublicUrl } from "@/lib/platform/net/ssrf-guard";

// Mocked DNS: no test depends on the network.
const DNS: Record<string, string[]> = {
  "example.com": ["93.184.216.34"],
  "v6.example.com": ["2606:4700::1111"],
  "internal.example": ["10.0.0.5"],
  "mixed.example": ["93.184.216.34", "10.0.0.1"],
  "v6-private.example": ["2606:4700::1111", "fd12:3456::1"],
  "metadata.example": ["169.254.169.254"],
  "cgnat.example": ["100.64.3.4"],
  "mapped.example": ["::ffff:192.168.1.1"],
};
const lookup: DnsLookup = async (hostname) => {
  const list = DNS[hostname];
  if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
  return list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "a loopback"],
    ["127.255.1.2", "a loopback"],
    ["::1", "a loopback"],
    ["10.1.2.3", "a private"],
    ["172.16.0.1", "a private"],
    ["172.31.255.255", "a private"],
    ["192.168.0.10", "a private"],
    ["fc00::1", "a private (unique local)"],
    ["fd12:3456::1", "a private (unique local)"],
    ["169.254.1.1", "a link-local"],
    ["fe80::1", "a link-local"],
    ["169.254.169.254", "the cloud metadata"],
    ["fd00:ec2::254", "the cloud metadata"],
    ["0.0.0.0", "an unspecified"],
    ["::", "an unspecified"],
    ["255.255.255.255", "a broadcast"],
    ["224.0.0.1", "a multicast"],
    ["ff02::1", "a multicast"],
    ["100.64.0.1", "a carrier-grade NAT"],
    ["240.0.0.1", "a reserved"],
    ["192.0.2.1", "a reserved"],
    ["2001:db8::1", "a reserved"],
    ["::ffff:127.0.0.1", "a loopback"],
    ["::ffff:7f00:1", "a loopback"],
    ["::ffff:169.254.169.254", "the cloud metadata"],
    ["64:ff9b::10.0.0.5", "a private"],
    ["64:ff9b::7f00:1", "a loopback"],
    ["64:ff9b:1::1", "a local-use NAT64"],
    ["::7f00:1", "a reserved"],
    ["2002:7f00:1::", "a tunnelled (6to4)"],
    ["0x7f.1", "a loopback"],
    ["2130706433", "a loopback"],
    ["017700000001", "a loopback"],
  ])("blocks %s as %s", (address, category) => {
    const verdict = classifyAddress(address);
    expect(verdict.allowed).toBe(false);
    expect(verdict.allowed === false && verdict.category).toBe(category);
  });

  it.each([
    "8.8.8.8",
    "93.184.216.34",
    "172.32.0.1",
    "100.128.0.1",
    "2606:4700::1111",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
  ])("allows public %s", (address) => {
    expect(classifyAddress(address).allowed).toBe(true);
  });
});

describe("assertPublicUrl", () => {
  const blocked: [string, RegExp][] = [
    ["ftp://example.com/file", /scheme ftp: is not allowed/],
    ["file:///etc/passwd", /scheme file: is not allowed/],
    ["gopher://example.com/", /scheme gopher:/],
    ["http://user:pass@example.com/", /credentials in the URL/],
    ["http://127.0.0.1/", /127\.0\.0\.1 is a loopback address/],
    ["http://2130706433/", /127\.0\.0\.1 is a loopback address/],
    ["http://0x7f.1/", /127\.0\.0\.1 is a loopback address/],
    ["http://017700000001/", /127\.0\.0\.1 is a loopback address/],
    ["http://127.1:8080/", /loopback/],
    ["http://[::1]/", /::1 is a loopback address/],
    ["http://[::ffff:127.0.0.1]/", /loopback/],
    ["http://[64:ff9b::a00:5]/", /private/],
    ["http://169.254.169.254/latest/meta-data/", /169\.254\.169\.254 is the cloud metadata address/],
    ["http://[fd00:ec2::254]/", /cloud metadata/],
    ["http://metadata.google.internal/computeMetadata/v1/", /metadata.google.internal is a cloud metadata host/],
    ["http://METADATA.GOOGLE.INTERNAL./", /cloud metadata host/],
    ["http://10.0.0.5/", /10\.0\.0\.5 is a private address/],
    ["http://192.168.1.1:3000/", /private/],
    ["http://[fe80::1]/", /link-local/],
    ["http://0.0.0.0/", /unspecified/],
    ["http://255.255.255.255/", /broadcast/],
    ["http://224.0.0.251/", /multicast/],
    ["http://100.64.0.1/", /carrier-grade NAT/],
    ["http://localhost/", /localhost is a loopback name/],
    ["http://api.localhost:4010/", /loopback name/],
    ["http://internal.example/", /^blocked: 10\.0\.0\.5 is a private address \(resolved from internal\.example\)$/],
    ["http://mixed.example/", /10\.0\.0\.1 is a private address \(resolved from mixed\.example\)/],
    ["http://v6-private.example/", /fd12:3456::1 is a private \(unique local\) address/],
    ["http://metadata.example/", /cloud metadata address \(resolved from metadata\.example\)/],
    ["http://cgnat.example/", /carrier-grade NAT/],
    ["http://mapped.example/", /::ffff:c0a8:101 \(IPv4 192\.168\.1\.1\) is a private address/],
  ];

  it.each(blocked)("blocks %s", async (url, reason) => {
    const error = await assertPublicUrl(url, { lookup }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SsrfBlockedError);
    expect((error as SsrfBlockedError).message).toMatch(reason);
    expect((error as SsrfBlockedError).retriable).toBe(false);
  });

  it.each([
    "https://example.com/",
    "http://example.com:8080/path?q=1",
    "https://v6.example.com/",
    "http://8.8.8.8/",
    "http://[2606:4700::1111]/",
  ])("allows %s", async (url) => {
    const vetted = await assertPublicUrl(url, { lookup });
    expect(vetted.addresses.length).toBeGreaterThan(0);
    expect(vetted.allowlisted).toBe(false);
  });

  it("reports a name that does not resolve as a DNS error, not a block", async () => {
    const error = await assertPublicUrl("https://nowhere.example/", { lookup }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpToolError);
    expect((error as HttpToolError).kind).toBe("DNS");
  });

  it("rejects URLs that do not parse", async () => {
    const error = await assertPublicUrl("not a url").catch((e: unknown) => e);
    expect((error as HttpToolError).kind).toBe("INVALID_URL");
  });

  describe("allowlist", () => {
    it("lets exactly the listed host and port through", async () => {
      const allowHosts = ["localhost:4010", "127.0.0.1", "internal.example"];
      const localLookup: DnsLookup = async (h) =>
        h === "localhost" ? [{ address: "127.0.0.1", family: 4 }] : lookup(h);
      await expect(
        assertPublicUrl("http://localhost:4010/x", { allowHosts, lookup: localLookup }),
      ).resolves.toMatchObject({ allowlisted: true });
      await expect(assertPublicUrl("http://localhost:4011/x", { allowHosts, lookup: localLookup })).rejects.toThrow(
        /loopback name/,
      );
      await expect(assertPublicUrl("http://127.0.0.1:9999/", { allowHosts })).resolves.toMatchObject({
        allowlisted: true,
      });
      await expect(assertPublicUrl("http://127.0.0.2/", { allowHosts })).rejects.toThrow(/loopback/);
      await expect(assertPublicUrl("http://internal.example/", { allowHosts, lookup })).resolves.toMatchObject({
        allowlisted: true,
      });
      await expect(assertPublicUrl("http://10.0.0.5/", { allowHosts, lookup })).rejects.toThrow(/private/);
    });

    it("still refuses bad schemes, credentials and cloud metadata", async () => {
      const allowHosts = ["169.254.169.254", "metadata.google.internal", "127.0.0.1"];
      await expect(assertPublicUrl("http://169.254.169.254/", { allowHosts })).rejects.toThrow(/cloud metadata/);
      await expect(assertPublicUrl("http://metadata.google.internal/", { allowHosts })).rejects.toThrow(
        /cloud metadata/,
      );
      await expect(assertPublicUrl("http://a:b@127.0.0.1/", { allowHosts })).rejects.toThrow(/credentials/);
      await expect(assertPublicUrl("ftp://127.0.0.1/", { allowHosts })).rejects.toThrow(/scheme/);
    });

    it("parses entries and the environment variable", () => {
      expect(parseAllowHosts(["localhost:4010", "127.0.0.1", "[::1]:8080", "::1", "API.Example.com"])).toEqual([
        { host: "localhost", port: 4010 },
        { host: "127.0.0.1", port: undefined },
        { host: "::1", port: 8080 },
        { host: "::1", port: undefined },
        { host: "api.example.com", port: undefined },
      ]);
      expect(() => parseAllowHosts(["localhost:abc"])).toThrow();
      expect(() => parseAllowHosts(["http://x/"])).toThrow();
      expect(allowlistFromEnv({ SWITCHBOARD_HTTP_TOOL_ALLOWLIST: "localhost:4010, 127.0.0.1 bad/entry" })).toEqual([
        "localhost:4010",
        "127.0.0.1",
      ]);
      expect(allowlistFromEnv({})).toEqual([]);
    });
  });
});

describe("safeFetch", () => {
  let server: http.Server;
  let port: number;
  let base: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      if (url.pathname === "/echo") {
        res.setHeader("content-type", "application/json");
        res.end(
          JSON.stringify({
            host: req.headers.host,
            method: req.method,
            authorization: req.headers.authorization ?? null,
          }),
        );
      } else if (url.pathname === "/to-private") {
        res.writeHead(302, { location: "http://10.0.0.5/admin" });
        res.end();
      } else if (url.pathname === "/to-metadata") {
        res.writeHead(301, { location: "http://169.254.169.254/latest/meta-data/" });
        res.end();
      } else if (url.pathname === "/loop") {
        res.writeHead(302, { location: "/loop" });
        res.end();
      } else if (url.pathname === "/hop") {
        res.writeHead(303, { location: `/echo` });
        res.end();
      } else if (url.pathname === "/big") {
        res.end("x".repeat(64 * 1024));
      } else if (url.pathname === "/slow") {
        setTimeout(() => res.end("late"), 1500);
      } else {
        res.statusCode = 404;
        res.end("no");
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it("refuses localhost unless it is allowlisted", async () => {
    await expect(safeFetch(`http://localhost:${port}/echo`)).rejects.toBeInstanceOf(SsrfBlockedError);
    const res = await safeFetch(`http://localhost:${port}/echo`, { allowHosts: [`localhost:${port}`] });
    expect(res.status).toBe(200);
  });

  it("connects to the vetted address, keeping the Host header (DNS pinning)", async () => {
    // "pinned.test" does not exist in real DNS: the request can only succeed by using the vetted answer.
    let calls = 0;
    const pinned: DnsLookup = async () => {
      calls++;
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const res = await safeFetch(`http://pinned.test:${port}/echo`, {
      allowHosts: [`pinned.test:${port}`],
      lookup: pinned,
    });
    expect(JSON.parse(res.body)).toMatchObject({ host: `pinned.test:${port}`, method: "GET" });
    expect(calls).toBe(1);
  });

  it("pins IPv6 literals too", async () => {
    const v6 = http.createServer((req, res) => res.end(String(req.headers.host)));
    const listening = await new Promise<boolean>((resolve) => {
      v6.once("error", () => resolve(false));
      v6.listen(0, "::1", () => resolve(true));
    });
    if (!listening) return; // no IPv6 loopback in this sandbox
    const v6port = (v6.address() as AddressInfo).port;
    try {
      await expect(safeFetch(`http://[::1]:${v6port}/`)).rejects.toThrow(/::1 is a loopback address/);
      const res = await safeFetch(`http://[::1]:${v6port}/`, { allowHosts: [`[::1]:${v6port}`] });
      expect(res.body).toBe(`[::1]:${v6port}`);
    } finally {
      v6.close();
    }
  });

  it("keeps the TLS servername when the connection is pinned", async (context) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "sb-tls-"));
    try {
      try {
        execFileSync(
          "openssl",
          [
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            `${dir}/k.pem`,
            "-out",
            `${dir}/c.pem`,
            "-days",
            "1",
            "-subj",
            "/CN=pinned.test",
          ],
          { stdio: "ignore" },
        );
      } catch {
        context.skip();
      }
      const sni: string[] = [];
      const key = readFileSync(`${dir}/k.pem`);
      const cert = readFileSync(`${dir}/c.pem`);
      const tls = https.createServer(
        {
          key,
          cert,
          SNICallback: (name, callback) => {
            sni.push(name);
            callback(null, createSecureContext({ key, cert }));
          },
        },
        (_req, res) => res.end("ok"),
      );
      tls.on("tlsClientError", () => undefined);
      await new Promise<void>((resolve) => tls.listen(0, "127.0.0.1", resolve));
      const tlsPort = (tls.address() as AddressInfo).port;
      const lookupPinned: DnsLookup = async () => [{ address: "127.0.0.1", family: 4 }];
      // The self-signed certificate is rejected (verification stays on), but only after the client sent its SNI.
      const error = await safeFetch(`https://pinned.test:${tlsPort}/`, {
        allowHosts: [`pinned.test:${tlsPort}`],
        lookup: lookupPinned,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpToolError);
      expect((error as HttpToolError).message).toMatch(/SELF_SIGNED|DEPTH_ZERO|certificate/i);
      expect(sni).toEqual(["pinned.test"]);
      tls.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("re-checks every redirect and refuses one to a private or metadata address", async () => {
    const allowHosts = [`127.0.0.1:${port}`];
    await expect(safeFetch(`${base}/to-private`, { allowHosts })).rejects.toThrow(
      /blocked: 10\.0\.0\.5 is a private address/,
    );
    await expect(safeFetch(`${base}/to-metadata`, { allowHosts })).rejects.toThrow(/cloud metadata/);
  });

  it("follows allowed redirects up to the limit", async () => {
    const allowHosts = [`127.0.0.1:${port}`];
    const res = await safeFetch(`${base}/hop`, {
      allowHosts,
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(res.url).toBe(`${base}/echo`);
    expect(res.redirects).toBe(1);
    expect(JSON.parse(res.body).method).toBe("GET");
    const error = await safeFetch(`${base}/loop`, { allowHosts, maxRedirects: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpToolError);
    expect((error as HttpToolError).kind).toBe("TOO_MANY_REDIRECTS");
  });

  it("caps the response size and enforces the timeout", async () => {
    const allowHosts = [`127.0.0.1:${port}`];
    const big = await safeFetch(`${base}/big`, { allowHosts, maxBytes: 1000 }).catch((e: unknown) => e);
    expect((big as HttpToolError).kind).toBe("TOO_LARGE");
    const slow = await safeFetch(`${base}/slow`, { allowHosts, timeoutMs: 200 }).catch((e: unknown) => e);
    expect((slow as HttpToolError).kind).toBe("TIMEOUT");
    expect((slow as HttpToolError).retriable).toBe(true);
  });

  it("reports a cancelled request as aborted", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await safeFetch(`${base}/slow`, {
      allowHosts: [`127.0.0.1:${port}`],
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect((error as HttpToolError).kind).toBe("ABORTED");
  });
});
