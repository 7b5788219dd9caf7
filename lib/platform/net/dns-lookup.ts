// DNS resolution for the guard, and the pinned lookup that makes a connection use the addresses the guard vetted
// instead of asking DNS again.
import dns from "node:dns";

export type ResolvedAddress = { address: string; family: number };
/** Resolves a host name to all its addresses; injectable for tests. */
export type DnsLookup = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: DnsLookup = async (hostname) => {
  const results = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return results.map((r) => ({ address: r.address, family: r.family }));
};

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/** A `lookup` for net/tls that ignores DNS and answers with the vetted addresses. */
export function pinnedLookup(addresses: ResolvedAddress[]) {
  return (_hostname: string, options: dns.LookupOptions | number | LookupCallback, callback?: LookupCallback) => {
    const cb = (typeof options === "function" ? options : callback) as LookupCallback;
    const opts = typeof options === "object" ? options : {};
    const wanted =
      opts.family === 4 || opts.family === 6 ? addresses.filter((a) => a.family === opts.family) : addresses;
    const list = wanted.length ? wanted : addresses;
    if (opts.all)
      cb(
        null,
        list.map((a) => ({ address: a.address, family: a.family })),
      );
    else cb(null, list[0].address, list[0].family);
  };
}
