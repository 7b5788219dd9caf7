// An endpoint URL as shown to people who cannot manage webhooks: the origin only. Many receivers carry their
// credential in the path or query (chat-tool incoming webhooks, signed URLs), so only admins see all of it.
export function maskedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const hidden = parsed.pathname.length > 1 || parsed.search !== "" || parsed.hash !== "";
    return `${parsed.protocol}//${parsed.host}${hidden ? "/…" : "/"}`;
  } catch {
    return "…";
  }
}
