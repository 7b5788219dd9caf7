// Issue 17: a NUL character or a lone UTF-16 surrogate in any input used to reach Postgres and come back as a 500 (A2A
// echoed the database's error). Every way in now refuses it up front: 400, a message naming the field, nothing written.
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("@/tests/support/cookie-jar").then((m) => m.nextHeadersModule()));

const { POST: createConversation } = await import("@/app/api/v1/conversations/route");
const { POST: postMessage } = await import("@/app/api/v1/conversations/[id]/messages/route");
const { POST: mcpPost } = await import("@/app/api/mcp/route");
const { jsonRpcResponse } = await import("@/lib/interfaces/a2a/json-rpc-endpoint");
const { sendChatMessage } = await import("@/lib/features/chat/actions");
const { demoWorkspace } = await import("@/tests/support/factories");
const { apiRequest, counts, params, seedApiKey } = await import("./api/helpers");

let key: string;
let workspaceSlug: string;

beforeAll(async () => {
  const demo = await demoWorkspace();
  workspaceSlug = demo.slug;
  key = (await seedApiKey({ workspaceId: demo.id })).key;
});

// Raw JSON with escapes, exactly as a client would send them: JSON.parse turns "\u0000" into a NUL character.
const NUL = "\\u0000";
const LONE = "\\ud800";

async function expect400(response: Response, field: string) {
  expect(response.status).toBe(400);
  const text = await response.text();
  expect(text).toContain(field);
  expect(text).not.toMatch(/postgres|prisma|invalid byte sequence|22P05|22021/i);
  return text;
}

describe("REST /api/v1", () => {
  it("refuses NUL or a lone surrogate in a value or a metadata key with 400 and writes nothing", async () => {
    const before = await counts();
    const bodies = [
      `{"flow":"retail-support","metadata":{"note":"a${NUL}b"}}`,
      `{"flow":"retail-support","metadata":{"k${NUL}":"v"}}`,
      `{"flow":"retail-support","customer":"C-1${LONE}"}`,
    ];
    for (const rawBody of bodies) {
      const response = await createConversation(apiRequest("/api/v1/conversations", { key, rawBody }));
      const text = await expect400(response, "metadata" in JSON.parse(rawBody) ? "metadata" : "customer");
      expect(JSON.parse(text).error.code).toBe("BAD_REQUEST");
    }
    const message = await postMessage(
      apiRequest("/api/v1/conversations/c-unknown/messages", { key, rawBody: `{"text":"hello${NUL}"}` }),
      params("c-unknown"),
    );
    await expect400(message, "body.text");
    expect({ ...(await counts()), usage: 0 }).toEqual({ ...before, usage: 0 });
  });
});

describe("MCP server", () => {
  it("refuses NUL in a tool call's arguments with 400 before the transport sees it", async () => {
    const before = await counts();
    const response = await mcpPost(
      apiRequest("/api/mcp", {
        key,
        headers: { accept: "application/json, text/event-stream" },
        rawBody: `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"x","arguments":{"message":"hi${NUL}"}}}`,
      }),
    );
    await expect400(response, "body.params.arguments.message");
    expect({ ...(await counts()), usage: 0 }).toEqual({ ...before, usage: 0 });
  });
});

describe("A2A", () => {
  it("refuses a lone surrogate or NUL in a message with 400 and no database text", async () => {
    const before = await counts();
    for (const bad of [NUL, LONE]) {
      const request = apiRequest(`/api/a2a/${workspaceSlug}/retail-support`, {
        key,
        headers: { "a2a-version": "1.0" },
        rawBody: `{"jsonrpc":"2.0","id":1,"method":"SendMessage","params":{"message":{"messageId":"m1","role":"ROLE_USER","parts":[{"text":"where is A1002${bad}"}]}}}`,
      });
      const response = await jsonRpcResponse(request, Promise.resolve({ workspaceSlug, flowSlug: "retail-support" }));
      const text = await expect400(response, "body.params.message.parts[0].text");
      expect(JSON.parse(text).error.code).toBeLessThan(0); // a JSON-RPC error, not the API's error body
    }
    expect({ ...(await counts()), usage: 0 }).toEqual({ ...before, usage: 0 });
  });
});

describe("the public chat's server action", () => {
  it("refuses NUL or a lone surrogate in the visitor's message with a clear validation message", async () => {
    for (const bad of ["\u0000", "\uD800"]) {
      const result = await sendChatMessage({
        workspaceSlug,
        flowSlug: "retail-support",
        conversationId: "c-unknown",
        text: `hello${bad}`,
        sinceSeq: 0,
      });
      expect(result).toMatchObject({ ok: false, code: "VALIDATION", message: expect.stringMatching(/NUL|surrogate/) });
    }
  });
});
