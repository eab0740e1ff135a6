/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The custom server (server/index.ts) owns /api and Socket.IO; Next.js serves pages only.
  poweredByHeader: false,
  // `npm run typecheck` checks the whole repo (server and e2e too) once; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-pg", "pg", "@electric-sql/pglite"],
};

export default nextConfig;
