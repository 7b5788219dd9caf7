// The load drivers' HTTP client: node:http with kept-alive connections. The driver shares the machine's cores with
// the server it measures, and `fetch` (undici with web streams) cost about three times the CPU per request here:
// 0.29 of a core at 160 requests/s, taken from the server under test.
import http from "node:http";

const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

export type JsonResponse<T> = { status: number; body: T };

/** POSTs `body` as JSON and reads the JSON answer (`{}` when it is not JSON). */
export function postJson<T>(url: string, headers: Record<string, string>, body: unknown): Promise<JsonResponse<T>> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: { ...headers, "Content-Type": "application/json", "Content-Length": payload.length },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown = {};
          try {
            parsed = JSON.parse(text);
          } catch {}
          resolve({ status: response.statusCode ?? 0, body: parsed as T });
        });
      },
    );
    request.on("error", reject);
    request.end(payload);
  });
}
