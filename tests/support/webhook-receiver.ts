// A real local HTTP server that receives Switchboard webhooks the way a customer's receiver would: it reads the raw
// body, checks Switchboard-Signature with verifySignature, and answers 2xx. It can be told to fail the next N
// requests (with a status, e.g. 500 or 410) to exercise retries.
import http from "node:http";
import type { AddressInfo } from "node:net";
// Relative, not "@/…": Playwright specs load this file too.
import { verifySignature } from "@/lib/interfaces/webhooks/signature";

export type ReceivedWebhook = {
  path: string;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  body: { id: string; type: string; createdAt: string; workspaceId: string; data: Record<string, unknown> } | null;
  /** Whether the signature verified against the receiver's secret(s) at the time. */
  verified: boolean;
  /** What the receiver answered. */
  status: number;
};

export type WebhookReceiver = {
  url: string;
  received: ReceivedWebhook[];
  /** Requests that verified and were answered 2xx: what the receiver "got". */
  accepted: () => ReceivedWebhook[];
  setSecret: (secret: string | string[]) => void;
  /** Answer the next `count` requests with `status` (default 500) instead of 2xx. */
  failNext: (count: number, status?: number) => void;
  waitForAccepted: (count: number, timeoutMs?: number) => Promise<ReceivedWebhook[]>;
  close: () => Promise<void>;
};

export async function startWebhookReceiver(
  options: { secret?: string | string[]; failFirst?: number; failStatus?: number; port?: number } = {},
): Promise<WebhookReceiver> {
  let secret: string | string[] = options.secret ?? [];
  let failing = options.failFirst ?? 0;
  let failStatus = options.failStatus ?? 500;
  const received: ReceivedWebhook[] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const verified = verifySignature(secret, req.headers["switchboard-signature"] as string | undefined, rawBody);
      let body: ReceivedWebhook["body"];
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = null;
      }
      let status = verified ? 200 : 400;
      if (failing > 0) {
        failing--;
        status = failStatus;
      }
      received.push({ path: req.url ?? "/", headers: req.headers, rawBody, body, verified, status });
      res.writeHead(status, { "content-type": "application/json" });
      res.end(
        JSON.stringify(status < 300 ? { received: true } : { error: verified ? "induced failure" : "bad signature" }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const accepted = () => received.filter((r) => r.verified && r.status < 300);

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    accepted,
    setSecret: (value) => (secret = value),
    failNext: (count, status = 500) => {
      failing = count;
      failStatus = status;
    },
    async waitForAccepted(count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (accepted().length < count) {
        if (Date.now() > deadline)
          throw new Error(
            `The receiver got ${accepted().length} verified webhooks (of ${received.length} requests), not ${count}, within ${timeoutMs} ms`,
          );
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return accepted();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
