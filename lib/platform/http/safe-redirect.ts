// The one check for where a browser may be sent after sign-in (or any other redirect built from input): a path on this
// site only. Browsers drop tab and line-break characters while parsing a URL, so "/\t/evil.example" becomes
// "//evil.example" (another host) and a raw line break in a Location header makes Next answer 500; such values are
// refused outright rather than cleaned, since nothing legitimate sends them.
const BASE = "http://switchboard.invalid";
function hasControlOrBackslash(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x5c) return true;
  }
  return false;
}

/** A same-origin path (with query and fragment) to redirect to, or `fallback` when `raw` is anything else. */
export function safeRedirectPath(raw: string | string[] | undefined | null, fallback = "/flows"): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string" || value === "" || hasControlOrBackslash(value)) return fallback;
  let path = value;
  // next-auth sometimes sends an absolute URL on our own origin; only its path is kept, so whatever host it names,
  // the browser stays here.
  if (/^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      path = `${url.pathname}${url.search}${url.hash}`;
    } catch {
      return fallback;
    }
  }
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  // Resolving against a placeholder origin catches whatever else a browser would read as another host.
  let resolved: URL;
  try {
    resolved = new URL(path, BASE);
  } catch {
    return fallback;
  }
  if (resolved.origin !== BASE) return fallback;
  const result = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  if (result.startsWith("//")) return fallback;
  // Sending a signed-in member back to sign-in (or next-auth's own routes) would loop.
  if (result.startsWith("/sign-in") || result.startsWith("/api/auth")) return fallback;
  return result;
}
