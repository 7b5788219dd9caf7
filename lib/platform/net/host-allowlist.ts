// The development allowlist: hosts (and ports) that may skip the private-address block, matched on the host as
// written in the URL.
import net from "node:net";
import ipaddr from "ipaddr.js";
import { stripBrackets } from "./address-classification";
import { processEnv } from "@/lib/platform/config";

export type AllowHost = { host: string; port?: number };

/** The host of a URL the way allowlist entries are compared: lowercase, no brackets, no trailing dot. */
export function normalizeHost(host: string): string {
  let h = stripBrackets(host.trim().toLowerCase());
  if (h.endsWith(".")) h = h.slice(0, -1);
  if (net.isIP(h)) return ipaddr.parse(h).toString();
  return h;
}

/** Parses allowlist entries: "host", "host:port", "[v6]:port", bare IPv6. Invalid entries throw. */
export function parseAllowHosts(entries: readonly string[] | undefined): AllowHost[] {
  const out: AllowHost[] = [];
  for (const rawEntry of entries ?? []) {
    const entry = rawEntry.trim();
    if (!entry) continue;
    let host = entry;
    let port: number | undefined;
    const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(entry);
    if (bracketed) {
      host = bracketed[1];
      if (bracketed[2]) port = Number(bracketed[2]);
    } else if ((entry.match(/:/g) ?? []).length === 1) {
      const [h, p] = entry.split(":");
      if (!/^\d{1,5}$/.test(p)) throw new Error(`Invalid allowlist entry "${entry}": port must be a number.`);
      host = h;
      port = Number(p);
    }
    if (port !== undefined && (port < 1 || port > 65535))
      throw new Error(`Invalid allowlist entry "${entry}": bad port.`);
    if (!host || /[/\s@?#*]/.test(host)) throw new Error(`Invalid allowlist entry "${entry}".`);
    out.push({ host: normalizeHost(host), port });
  }
  return out;
}

/** The development allowlist from the environment (comma or whitespace separated). Invalid entries are skipped. */
export function allowlistFromEnv(
  env: Record<string, string | undefined> = processEnv(),
  variable = "SWITCHBOARD_HTTP_TOOL_ALLOWLIST",
): string[] {
  const entries = (env[variable] ?? "").split(/[\s,]+/).filter(Boolean);
  return entries.filter((entry) => {
    try {
      parseAllowHosts([entry]);
      return true;
    } catch {
      return false;
    }
  });
}

function effectivePort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === "https:" ? 443 : 80;
}

export function isAllowlisted(url: URL, allowHosts: readonly string[] | undefined): boolean {
  if (!allowHosts?.length) return false;
  const host = normalizeHost(url.hostname);
  const port = effectivePort(url);
  return allowHosts.some((raw) => {
    let entries: AllowHost[];
    try {
      entries = parseAllowHosts([raw]);
    } catch {
      return false; // an invalid entry allows nothing
    }
    return entries.some((entry) => entry.host === host && (entry.port === undefined || entry.port === port));
  });
}
