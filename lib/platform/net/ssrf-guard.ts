// SSRF guard for outbound requests made on behalf of flows (HTTP tools, MCP servers over HTTP).
//
// A URL is allowed when its scheme is http(s), it carries no credentials, and EVERY address its host resolves to
// is public unicast. The request then connects to one of those vetted addresses (the DNS answer is pinned through a
// custom `lookup`, so a rebinding between check and connect cannot switch it), while the Host header and the TLS
// servername stay the original host name. Redirects are never followed automatically: each Location is vetted from
// scratch. Responses are size-capped and the whole exchange (DNS, redirects, body) runs under one timeout.
//
// Development allowlist: `allowHosts` entries ("localhost:4010", "127.0.0.1", "[::1]:8080", "api.internal") let
// exactly that host name (and port, when given) skip the private-address block. Matching is on the host as written
// in the URL: allowlisting "127.0.0.1" does not allowlist "localhost". Scheme, credential and cloud-metadata checks
// still apply to allowlisted hosts. The engine reads the allowlist from SWITCHBOARD_HTTP_TOOL_ALLOWLIST.
import net from "node:net";
import { classifyAddress, METADATA_HOSTNAMES, stripBrackets } from "./address-classification";
import { systemLookup, type DnsLookup, type ResolvedAddress } from "./dns-lookup";
import { isAllowlisted, normalizeHost } from "./host-allowlist";
import { HttpToolError, SsrfBlockedError } from "./outbound-errors";

export type GuardOptions = { allowHosts?: readonly string[]; lookup?: DnsLookup; signal?: AbortSignal };

export type VettedUrl = {
  url: URL;
  /** Host name without brackets, as used for the Host header and TLS servername. */
  hostname: string;
  /** The addresses the connection is pinned to. */
  addresses: ResolvedAddress[];
  allowlisted: boolean;
};

export function parseUrl(input: string | URL): URL {
  if (input instanceof URL) return new URL(input.href);
  try {
    return new URL(input);
  } catch {
    throw new HttpToolError("INVALID_URL", `invalid URL: ${String(input).slice(0, 200)}`, { retriable: false });
  }
}

/** Redacts credentials for messages. */
function displayUrl(url: URL): string {
  const copy = new URL(url.href);
  copy.username = "";
  copy.password = "";
  return copy.href;
}

function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Checks a URL and resolves its host; throws SsrfBlockedError when it must not be fetched. Returns the vetted
 * addresses to pin the connection to.
 */
export async function assertPublicUrl(input: string | URL, options: GuardOptions = {}): Promise<VettedUrl> {
  const url = parseUrl(input);
  const shown = displayUrl(url);
  const hostname = stripBrackets(url.hostname);
  const host = normalizeHost(url.hostname);
  const block = (reason: string, address?: string): never => {
    throw new SsrfBlockedError(`blocked: ${reason}`, { url: shown, host, address });
  };

  if (url.protocol !== "http:" && url.protocol !== "https:")
    block(`scheme ${url.protocol} is not allowed (use http or https)`);
  if (url.username || url.password) block("credentials in the URL are not allowed");
  if (!host) block("the URL has no host");
  if (METADATA_HOSTNAMES.has(host)) block(`${host} is a cloud metadata host`);

  const allowlisted = isAllowlisted(url, options.allowHosts);
  let addresses: ResolvedAddress[];
  const literal = net.isIP(hostname);
  if (literal) {
    addresses = [{ address: hostname, family: literal }];
  } else {
    if (!allowlisted && (host === "localhost" || host.endsWith(".localhost"))) {
      block(`${host} is a loopback name`);
    }
    try {
      addresses = await raceSignal((options.lookup ?? systemLookup)(hostname), options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const code = (error as NodeJS.ErrnoException)?.code;
      throw new HttpToolError("DNS", `could not resolve ${host}${code ? ` (${code})` : ""}`, {
        retriable: code === "EAI_AGAIN",
        cause: error,
      });
    }
    if (addresses.length === 0) throw new HttpToolError("DNS", `could not resolve ${host}`, { retriable: false });
  }

  const from = literal ? "" : ` (resolved from ${host})`;
  for (const { address } of addresses) {
    const verdict = classifyAddress(address);
    if (verdict.allowed) continue;
    const shownAddress = verdict.embedded ? `${verdict.address} (IPv4 ${verdict.embedded})` : verdict.address;
    if (verdict.category === "the cloud metadata")
      block(`${shownAddress} is the cloud metadata address${from}`, verdict.address);
    if (!allowlisted) block(`${shownAddress} is ${verdict.category} address${from}`, verdict.address);
  }
  return { url, hostname, addresses, allowlisted };
}
