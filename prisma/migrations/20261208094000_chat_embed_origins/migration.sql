-- The sites whose pages may frame the public chat (Settings → Web chat, written into frame-ancestors by proxy.ts).
ALTER TABLE "Workspace" ADD COLUMN "chatEmbedOrigins" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- An API key's per-minute limit is counted in the web process now, with the API's other limits
-- (lib/platform/http/rate-limiter.ts), so the per-request upsert is gone, and so is its table.
DROP TABLE "ApiKeyUsage";
