// A real local SMTP server (smtp-server, on 127.0.0.1, plain text like a dev mail catcher) that requires a login and
// records what it accepted: the envelope, the headers and the body. It can be told to refuse logins with an answer
// that echoes the password, to check that Switchboard never stores what a server says back.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { from: string; to: string[]; headers: Record<string, string>; text: string };

export type SmtpTestServer = {
  host: string;
  port: number;
  url: (user: string, pass: string) => string;
  received: ReceivedMail[];
  close: () => Promise<void>;
};

/** Splits a raw RFC 5322 message: unfolded headers by lowercase name, and the body with CRLF as LF. */
function parseMessage(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const headers: Record<string, string> = {};
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    headers,
    text: raw
      .slice(split + 4)
      .replace(/\r\n/g, "\n")
      .replace(/\n$/, ""),
  };
}

export async function startSmtpTestServer(options: {
  user: string;
  pass: string;
  /** Refuse every login with a 535 whose text repeats the password it was given. */
  refuseLogins?: boolean;
}): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.refuseLogins || auth.username !== options.user || auth.password !== options.pass)
        return callback(new Error(`Authentication failed for ${auth.username}:${auth.password ?? ""}`));
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const envelope = session.envelope;
        received.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : "",
          to: envelope.rcptTo.map((r) => r.address),
          ...parseMessage(Buffer.concat(chunks).toString("utf8")),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    host: "127.0.0.1",
    port,
    url: (user, pass) => `smtp://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
