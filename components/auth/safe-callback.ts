// Only same-origin paths are followed after sign-in, so /sign-in?callbackUrl=https://evil.example cannot redirect away.
export function safeCallbackUrl(raw: string | string[] | undefined, fallback = "/flows"): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return fallback;
  let path = value;
  // next-auth sometimes sends an absolute URL on our own origin; keep only its path.
  if (/^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      path = `${url.pathname}${url.search}${url.hash}`;
    } catch {
      return fallback;
    }
  }
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  if (path.startsWith("/sign-in") || path.startsWith("/api/auth")) return fallback;
  return path;
}
