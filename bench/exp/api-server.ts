// EXPERIMENT ONLY (not committed): the public API's hot routes on a plain node:http listener.
import http from "node:http";
import { Readable } from "node:stream";
import { POST as postConversation } from "@/app/api/v1/conversations/route";
import { POST as postMessage } from "@/app/api/v1/conversations/[id]/messages/route";

const port = Number(process.env.PORT ?? 3556);
const messages = /^\/api\/v1\/conversations\/([^/]+)\/messages$/;

http
  .createServer(async (req, res) => {
    try {
      const url = new URL(req.url!, `http://localhost:${port}`);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const request = new Request(url, {
        method: req.method,
        headers,
        body: req.method === "GET" ? undefined : (Readable.toWeb(req) as ReadableStream),
        duplex: "half",
      } as RequestInit);
      let response: Response;
      const m = messages.exec(url.pathname);
      if (req.method === "POST" && url.pathname === "/api/v1/conversations") response = await postConversation(request, {});
      else if (req.method === "POST" && m) response = await postMessage(request, { params: Promise.resolve({ id: m[1] }) });
      else if (url.pathname === "/api/health") response = new Response("ok");
      else response = new Response("not found", { status: 404 });
      const body = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(body);
    } catch (e) {
      console.error(e);
      res.writeHead(500);
      res.end();
    }
  })
  .listen(port, () => console.log("listening", port));
