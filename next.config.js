/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets several checkouts' servers (or a dev server beside a test build) keep separate outputs.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Native or WASM packages that must be loaded by Node at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "@electric-sql/pglite", "@electric-sql/pglite-socket", "pg"],
  // forbidden() renders app/forbidden.tsx with HTTP 403 when a role may not see a page.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
};

export default nextConfig;
