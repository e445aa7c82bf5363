import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./server/http/security-headers";

const nextConfig: NextConfig = {
  // PGlite ships ~15 MB of WASM and argon2 a native addon: load both from node_modules at run
  // time instead of bundling them. pino too: it resolves its own files at run time, which a
  // bundle breaks. pg-boss is CommonJS that requires `pg` (unused here: it runs on our drivers)
  // and reads its own files: loaded as is, too.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pino", "pg-boss"],
  poweredByHeader: false,
  // A separate build folder for the benchmark (bench/catalog), so it never rebuilds the one a
  // running `next start` or browser test is serving.
  distDir: process.env.STEWARD_NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  // `npm test` type-checks everything with tsc before it builds; the build's own check repeated
  // it (26 s of a first `npm start`, which need not type-check: README, Quick start).
  typescript: { ignoreBuildErrors: true },
  // Turbopack keeps a build cache (~200 MB in .next/cache) that only a rebuild would read, and
  // writing it cost a first `npm start` and every CI run 15 s of a 60 s build (compile 46 s → 39 s,
  // and a 10 s write after the last line). Edits are served by `npm run dev`, which keeps its own.
  experimental: { turbopackFileSystemCacheForBuild: false },
  // Static files too (proxy.ts skips /_next/static); proxy.ts adds the CSP and HSTS per request.
  async headers() {
    const list = (headers: Record<string, string>) => Object.entries(headers).map(([key, value]) => ({ key, value }));
    return [
      { source: "/:path*", headers: list(STATIC_SECURITY_HEADERS) },
      // API answers are data, never documents: nothing in them may load or be framed.
      { source: "/api/:path*", headers: list({ "content-security-policy": "default-src 'none'; frame-ancestors 'none'" }) },
    ];
  },
};

export default nextConfig;
