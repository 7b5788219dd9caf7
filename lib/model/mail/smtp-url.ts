// SMTP_URL: where outgoing mail goes, as one URL (smtp://user:pass@host:587 or smtps://…:465). Pure, so the
// configuration check and the sender read it the same way; the password never appears in what these functions say.

export type SmtpSettings = {
  /** smtps://: TLS from the first byte; smtp://: STARTTLS when the server offers it (required off the allowlist). */
  secure: boolean;
  /** The host as written, lowercase, without IPv6 brackets. */
  host: string;
  port: number;
  user: string | null;
  pass: string | null;
};

const DEFAULT_PORT = { smtp: 587, smtps: 465 } as const;

/** Why a value is not a usable SMTP_URL, or null when it is. Never repeats the value (it holds a password). */
export function smtpUrlProblem(raw: string): string | null {
  try {
    parseSmtpUrl(raw);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : "not a valid SMTP URL";
  }
}

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new Error(`the ${what} is not valid percent-encoding`);
  }
}

/** Parses SMTP_URL; throws an Error whose message names the problem without quoting the URL. */
export function parseSmtpUrl(raw: string): SmtpSettings {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error("expected smtp://user:password@host:port or smtps://…");
  }
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== "smtp" && scheme !== "smtps") throw new Error("the scheme must be smtp:// or smtps://");
  const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (!host) throw new Error("the URL has no host");
  if ((url.pathname && url.pathname !== "/") || url.search || url.hash)
    throw new Error("the URL takes no path, query or fragment: only smtp(s)://user:password@host:port");
  const port = url.port ? Number(url.port) : DEFAULT_PORT[scheme];
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error("the port must be 1–65535");
  const user = url.username ? decode(url.username, "user name") : null;
  const pass = url.password ? decode(url.password, "password") : null;
  if (pass !== null && user === null) throw new Error("a password needs a user name");
  return { secure: scheme === "smtps", host, port, user, pass };
}

function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Removes the SMTP credentials from a message (a server's answer can echo them, AUTH sends them base64-encoded),
 * shortened to `max` characters: what is stored with a failed mail and logged.
 */
export function redactSmtpSecrets(message: string, settings: SmtpSettings | null, max = 300): string {
  let out = message.replace(/[\r\n]+/g, " ").trim();
  const secrets = new Set<string>();
  if (settings?.pass) {
    const { user, pass } = settings;
    for (const s of [pass, encodeURIComponent(pass), base64(pass), base64(`\u0000${user ?? ""}\u0000${pass}`)])
      secrets.add(s);
    if (user) secrets.add(base64(`${user}\u0000${user}\u0000${pass}`));
  }
  for (const secret of [...secrets].filter((s) => s.length > 0).sort((a, b) => b.length - a.length))
    out = out.split(secret).join("***");
  // Whatever else looks like a URL with credentials (user:password@) loses them too.
  out = out.replace(/\b(smtps?:\/\/)[^\s/@]*@/gi, "$1***@");
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}
