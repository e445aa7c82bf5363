// Import boundaries the build enforces (`npm run depcruise`, part of `npm test`). The layers and the
// arrows that must never exist are drawn in the README's Architecture section; each rule below says
// which arrow it forbids and why. Type-only imports count: a type import of a server module still
// couples browser code to it (types reach the client through tRPC inference instead).

/** Database drivers and the ORM: only server/db, server/audit and the services may use them. */
const DB_PACKAGES = "^node_modules/(postgres|@electric-sql/pglite|drizzle-orm)/";

/**
 * HTTP adapters in server/modules: like routers, they translate a request into service calls, so
 * REST route handlers (app/api) may import them and they may use transport code.
 */
const HTTP_ADAPTERS = [
  "^server/modules/lineage/http\\.ts$",
  "^server/modules/activation/http\\.ts$",
  "^server/modules/metrics/http\\.ts$",
  "^server/modules/audit/download\\.ts$",
  "^server/modules/evidence/http\\.ts$",
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "ui-not-to-server-modules-or-db",
      comment: "Pages and components never reach services or the database directly: data goes through tRPC " + "(types through `AppRouter` inference), shared rules through domain/.",
      severity: "error",
      from: { path: "^(app|components)/" },
      to: { path: "^server/(modules|db)/", pathNot: HTTP_ADAPTERS },
    },
    {
      name: "only-route-handlers-to-http-adapters",
      comment: "Of app/ and components/, only REST route handlers (app/api) call the HTTP adapters.",
      severity: "error",
      from: { path: "^(app|components)/", pathNot: "^app/api/" },
      to: { path: HTTP_ADAPTERS },
    },
    {
      name: "domain-is-client-safe",
      comment:
        "domain/ is imported by the browser and the server alike, so it imports nothing from app/, " +
        "components/ or server/, no React or Next.js, no database driver and no Node built-in.",
      severity: "error",
      from: { path: "^domain/", pathNot: "\\.test\\.ts$" },
      to: {
        path: ["^(app|components|server)/", "^node_modules/(react|react-dom|next|server-only|client-only)/", DB_PACKAGES],
      },
    },
    {
      name: "domain-no-node-builtins",
      comment: "domain/ runs in the browser too: no Node built-in modules.",
      severity: "error",
      from: { path: "^domain/", pathNot: "\\.test\\.ts$" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "privacy-is-pure",
      comment:
        "The privacy rules (server/privacy) decide from the counts and the ledger they are given: no database, service, transport or Node code, so every release path applies the same rules.",
      severity: "error",
      from: { path: "^server/privacy/" },
      to: { path: ["^(app|components)/", "^server/(?!privacy/)", DB_PACKAGES] },
    },
    {
      name: "privacy-no-node-builtins",
      comment: "server/privacy is pure: no Node built-in modules (the secure random source is Web Crypto).",
      severity: "error",
      from: { path: "^server/privacy/", pathNot: "\\.test\\.ts$" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "policy-and-authz-are-pure",
      comment: "The consent engine (server/policy) and the permission map (server/authz) decide from the data " + "they are given: no database, service or transport code.",
      severity: "error",
      from: { path: "^server/(policy|authz)/" },
      to: { path: ["^server/(db|modules|trpc)/", DB_PACKAGES] },
    },
    {
      name: "db-not-to-modules",
      comment: "The schema and the drivers know no service (start-up jobs are started from instrumentation.ts).",
      severity: "error",
      from: { path: "^server/db/" },
      to: { path: "^server/modules/" },
    },
    {
      name: "services-not-to-trpc",
      comment: "Domain services do not know tRPC: only routers (router.ts) and the HTTP adapters translate " + "between the transport and the services. Identity comes from server/auth.",
      severity: "error",
      from: { path: "^server/modules/", pathNot: ["[/-]router\\.ts$", ...HTTP_ADAPTERS] },
      to: { path: "^server/trpc/" },
    },
    {
      name: "no-circular",
      comment: "No import loops: a loop means two modules are one in disguise, or a rule sits on the wrong side.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  allowed: undefined,
  options: {
    doNotFollow: { path: "node_modules" },
    // Re-cruises only what changed since the last run.
    cache: { folder: "node_modules/.cache/dependency-cruiser", strategy: "content" },
    exclude: { path: "^(\\.next|\\.next-[^/]+|\\.steward|drizzle|reports|test-results|playwright-report)/" },
    // Type-only imports are dependencies too (see the top of this file).
    tsPreCompilationDeps: true,
    // Resolves the `@/` alias from tsconfig.json's `paths`.
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
      extensions: [".ts", ".tsx", ".mjs", ".js", ".cjs", ".d.ts"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
