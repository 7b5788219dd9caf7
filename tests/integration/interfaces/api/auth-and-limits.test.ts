import { beforeAll, describe, expect, it } from "vitest";
import { GET as getConversation } from "@/app/api/v1/conversations/[id]/route";
import { POST as createConversation } from "@/app/api/v1/conversations/route";
import { db } from "@/lib/platform/db/client";
import { authenticateApiKey } from "@/lib/interfaces/api-keys/authenticate-api-key";
import { liveListener } from "@/lib/runtime/engine/live/live-listener";
import { revokeApiKey } from "@/lib/features/settings/api-keys/revoke-api-key";
import { ensureSeedApiKey } from "@/lib/features/settings/api-keys/ensure-seed-api-key";
import { hashApiKey } from "@/lib/platform/crypto/api-key-format";
import { demoWorkspace } from "@/tests/support/factories";
import { apiRequest, counts, params, seedApiKey } from "./helpers";

let workspaceId: string;

beforeAll(async () => {
  workspaceId = (await demoWorkspace()).id;
});

const create = (key: string | null, headers?: Record<string, string>) =>
  createConversation(apiRequest("/api/v1/conversations", { key, body: { flow: "retail-support" }, headers }));

describe("authentication", () => {
  it("rejects a missing, malformed, unknown or revoked key with 401 and writes nothing", async () => {
    const revoked = await seedApiKey({ workspaceId });
    await db().$transaction((tx) => revokeApiKey(tx, { workspaceId, apiKeyId: revoked.apiKey.id }));
    const before = await counts();
    const responses = [
      await create(null),
      await create(null, { authorization: "Basic dXNlcjpwYXNz" }),
      await create("garbage"),
      await create("sb_live_" + "x".repeat(32)),
      await create(revoked.key),
    ];
    for (const response of responses) {
      expect(response.status).toBe(401);
      const body = await response.json();
      expect(body.error.code).toBe("UNAUTHENTICATED");
      expect(Object.keys(body)).toEqual(["error"]);
    }
    expect(await counts()).toEqual(before);
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: revoked.apiKey.id } });
    expect(row.lastUsedAt).toBeNull();
  });

  it("refuses a key revoked while its lookup is cached as soon as the revocation's notice arrives", async () => {
    const { apiKey, key } = await seedApiKey({ workspaceId, rateLimitPerMinute: 50 });
    const authorization = `Bearer ${key}`;
    await liveListener().ready();
    await authenticateApiKey({ authorization }); // subscribes the cache to revocations
    await liveListener().ready();
    expect((await authenticateApiKey({ authorization })).rateLimitPerMinute).toBe(50);
    // A write behind the application's back (no notice) is not seen while the entry is trusted: it is cached.
    await db().$executeRaw`UPDATE "ApiKey" SET "rateLimitPerMinute" = 7 WHERE id = ${apiKey.id}`;
    expect((await authenticateApiKey({ authorization })).rateLimitPerMinute).toBe(50);
    // A revocation is: its notice drops the entry in every process as it commits.
    await db().$transaction((tx) => revokeApiKey(tx, { workspaceId, apiKeyId: apiKey.id }));
    const deadline = Date.now() + 2_000;
    let refused: unknown;
    while (!refused && Date.now() < deadline) {
      refused = await authenticateApiKey({ authorization }).then(
        () => new Promise((resolve) => setTimeout(resolve, 10)).then(() => undefined),
        (error: unknown) => error,
      );
    }
    expect(refused).toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(create(key).then((r) => r.status)).resolves.toBe(401);
  });

  it("stores only the hash and a display prefix", async () => {
    const { key, apiKey } = await seedApiKey({ workspaceId });
    expect(key).toMatch(/^sb_live_[A-Za-z0-9]{32}$/);
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.prefix).toBe(key.slice(0, 16));
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(key);
  });
});

describe("security headers", () => {
  // proxy.ts skips /api/v1/ (its matcher), so the API wrapper must set them on every answer, errors included.
  it("are on successes and on errors alike", async () => {
    const { key } = await seedApiKey({ workspaceId });
    for (const response of [await create(key), await create(null)]) {
      expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
    }
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After once a key exceeds its per-minute limit", async () => {
    const { key } = await seedApiKey({ workspaceId, rateLimitPerMinute: 2 });
    const id = "does-not-exist";
    const first = await getConversation(apiRequest(`/api/v1/conversations/${id}`, { key }), params(id));
    const second = await getConversation(apiRequest(`/api/v1/conversations/${id}`, { key }), params(id));
    expect([first.status, second.status]).toEqual([404, 404]);
    expect(second.headers.get("x-ratelimit-remaining")).toBe("0");
    const third = await create(key);
    expect(third.status).toBe(429);
    const retryAfter = Number(third.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await third.json()).error.code).toBe("RATE_LIMITED");
  });
});

describe("SEED_API_KEY", () => {
  it("creates the seed key once and refuses short values", async () => {
    const value = "sb_live_seedseedseedseedseedseedseed";
    expect(await ensureSeedApiKey(db(), workspaceId, { SEED_API_KEY: value })).toEqual({
      created: true,
      prefix: "sb_live_seedseed",
    });
    expect(await ensureSeedApiKey(db(), workspaceId, { SEED_API_KEY: value })).toEqual({
      created: false,
      prefix: "sb_live_seedseed",
    });
    expect(await db().apiKey.count({ where: { name: "Seed key" } })).toBe(1);
    await expect(ensureSeedApiKey(db(), workspaceId, { SEED_API_KEY: "too-short" })).rejects.toThrow(/at least 24/);
    expect(await ensureSeedApiKey(db(), workspaceId, {})).toBeNull();

    const response = await create(value);
    expect(response.status).toBe(201);
  });
});

describe("SEED_API_KEY without the sb_live_ prefix", () => {
  it("stores and shows at most 8 of its characters, and shortens a prefix stored too long", async () => {
    const value = "abcdefghijklmnopqrstuvwxyz";
    expect(await ensureSeedApiKey(db(), workspaceId, { SEED_API_KEY: value })).toEqual({
      created: true,
      prefix: "abcdefgh",
    });
    const row = await db().apiKey.findUniqueOrThrow({ where: { hash: hashApiKey(value) } });
    expect(row.prefix).toBe("abcdefgh");
    await db().apiKey.update({ where: { id: row.id }, data: { prefix: value.slice(0, 16) } });
    expect(await ensureSeedApiKey(db(), workspaceId, { SEED_API_KEY: value })).toEqual({
      created: false,
      prefix: "abcdefgh",
    });
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: row.id } })).prefix).toBe("abcdefgh");
  });

  it("shows sb_live_ plus 8 characters of a generated key", async () => {
    const { key, apiKey } = await seedApiKey({ workspaceId, name: "Generated" });
    expect(apiKey.prefix).toBe(key.slice(0, 16));
    expect(apiKey.prefix).toMatch(/^sb_live_[0-9A-Za-z]{8}$/);
  });
});

describe("managing keys", () => {
  it("revokes only keys of its own workspace, once, and lists without secrets", async () => {
    const { listApiKeys } = await import("@/lib/features/settings/api-keys/list-api-keys");
    const { seedWorkspace } = await import("@/tests/support/factories");
    const other = await seedWorkspace();
    const { apiKey, key } = await seedApiKey({ workspaceId: other.workspace.id, name: "Other" });
    await expect(
      db().$transaction((tx) => revokeApiKey(tx, { workspaceId, apiKeyId: apiKey.id })),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const first = await db().$transaction((tx) =>
      revokeApiKey(tx, { workspaceId: other.workspace.id, apiKeyId: apiKey.id }),
    );
    const second = await db().$transaction((tx) =>
      revokeApiKey(tx, { workspaceId: other.workspace.id, apiKeyId: apiKey.id }),
    );
    expect([first.changed, second.changed]).toEqual([true, false]);
    const listed = await listApiKeys(other.workspace.id);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ name: "Other", prefix: key.slice(0, 16) });
    expect(listed[0].revokedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(key);
  });
});
