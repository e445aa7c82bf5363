import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships ~15 MB of WASM and argon2 a native addon: load both from node_modules at run
  // time instead of bundling them.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "proper-lockfile"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
