import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships ~15 MB of WASM and argon2 a native addon: load both from node_modules at run
  // time instead of bundling them.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
  // A separate build folder for the benchmark (bench/catalog), so it never rebuilds the one a
  // running `next start` or browser test is serving.
  distDir: process.env.STEWARD_NEXT_DIST_DIR || ".next",
  typedRoutes: false,
};

export default nextConfig;
