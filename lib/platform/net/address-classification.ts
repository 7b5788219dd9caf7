// Which IP addresses and host names an outbound request may reach: public unicast only, cloud metadata never.
import ipaddr from "ipaddr.js";

export type AddressVerdict =
  | { allowed: true; address: string }
  /** `embedded`: the IPv4 an IPv4-mapped/translated/NAT64 IPv6 address carries, when that decided it. */
  | { allowed: false; address: string; category: string; embedded?: string };

const METADATA_ADDRESSES = new Set(["169.254.169.254", "fd00:ec2::254", "169.254.170.2", "100.100.100.200"]);
export const METADATA_HOSTNAMES = new Set([
  "metadata.google.internal",
  "metadata.goog",
  "metadata",
  "instance-data",
  "instance-data.ec2.internal",
]);

const V4_CATEGORY: Record<string, string> = {
  unspecified: "an unspecified",
  broadcast: "a broadcast",
  multicast: "a multicast",
  linkLocal: "a link-local",
  loopback: "a loopback",
  carrierGradeNat: "a carrier-grade NAT",
  private: "a private",
  reserved: "a reserved",
  as112: "a reserved (AS112)",
  amt: "a reserved (AMT)",
};

const V6_CATEGORY: Record<string, string> = {
  unspecified: "an unspecified",
  linkLocal: "a link-local",
  multicast: "a multicast",
  loopback: "a loopback",
  uniqueLocal: "a private (unique local)",
  deprecatedSiteLocal: "a private (site-local)",
  discard: "a reserved (discard)",
  teredo: "a tunnelled (Teredo)",
  "6to4": "a tunnelled (6to4)",
  benchmarking: "a reserved (benchmarking)",
  amt: "a reserved (AMT)",
  as112v6: "a reserved (AS112)",
  deprecatedOrchid: "a reserved (ORCHID)",
  orchid2: "a reserved (ORCHIDv2)",
  droneRemoteIdProtocolEntityTags: "a reserved (DRIP)",
  segmentRouting: "a reserved (segment routing)",
  reserved: "a reserved",
};

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR("2000::/3");

export function stripBrackets(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/**
 * Whether an IP address (any form ipaddr.js parses: dotted, decimal, octal, hex IPv4, IPv6, IPv4-mapped IPv6) is a
 * public unicast address. Default-deny: IPv4 must be in ipaddr's "unicast" range, IPv6 must be global unicast
 * (2000::/3) and not in any special range; addresses that embed an IPv4 (IPv4-mapped, IPv4-translated, NAT64
 * 64:ff9b::/96) are judged by the embedded IPv4. Cloud metadata addresses are their own category.
 */
export function classifyAddress(input: string): AddressVerdict {
  const raw = stripBrackets(input.trim());
  if (!ipaddr.isValid(raw)) return { allowed: false, address: raw, category: "not a valid IP" };
  let ip = ipaddr.parse(raw);
  const address = ip.toString();
  if (METADATA_ADDRESSES.has(address)) return { allowed: false, address, category: "the cloud metadata" };

  if (ip.kind() === "ipv6") {
    const v6 = ip as ipaddr.IPv6;
    const range = v6.range() as string;
    if (range === "ipv4Mapped" || range === "rfc6145") {
      ip = v6.toIPv4Address();
    } else if (range === "rfc6052") {
      // NAT64: 64:ff9b::/96 embeds the IPv4 in the last 32 bits; the local-use 64:ff9b:1::/48 is never public.
      if (!v6.match(ipaddr.IPv6.parseCIDR("64:ff9b::/96"))) {
        return { allowed: false, address, category: "a local-use NAT64" };
      }
      const bytes = v6.toByteArray();
      ip = ipaddr.fromByteArray(bytes.slice(12));
    } else {
      if (range !== "unicast") return { allowed: false, address, category: V6_CATEGORY[range] ?? "a reserved" };
      if (!v6.match(GLOBAL_UNICAST_V6)) return { allowed: false, address, category: "a reserved" };
      return { allowed: true, address };
    }
    const embedded = ip.toString();
    if (METADATA_ADDRESSES.has(embedded)) return { allowed: false, address, category: "the cloud metadata", embedded };
  }

  const embedded = ip.toString() !== address ? ip.toString() : undefined;
  const range = (ip as ipaddr.IPv4).range() as string;
  if (range !== "unicast") {
    return { allowed: false, address, category: V4_CATEGORY[range] ?? "a reserved", ...(embedded ? { embedded } : {}) };
  }
  return { allowed: true, address };
}
