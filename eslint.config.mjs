// ESLint: the recommended rule sets of ESLint, typescript-eslint, React's hooks plugin and Next.js.
// `npm run lint` fails on any warning too (--max-warnings=0), so a warning is never left to pile up.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig([
  globalIgnores(["node_modules/", ".next/", ".next-*/", ".steward/", "drizzle/", "reports/", "test-results/", "playwright-report/", "next-env.d.ts"]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      // `_name` marks an argument or binding kept on purpose (a callback's fixed signature,
      // a destructured field left out of a spread).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // Transactions go through inTransaction (server/db/transaction.ts), which runs a deadlocked
    // or serialization-failed transaction again instead of answering a 500.
    files: ["**/*.{ts,tsx}"],
    ignores: ["server/db/transaction.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='transaction']",
          message: "Open transactions with inTransaction(db, fn) from server/db/transaction.ts: it retries on deadlock (40P01) and serialization failure (40001).",
        },
      ],
    },
  },
  {
    files: ["**/*.tsx"],
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // The recommended set only warns on missing dependencies; a stale closure is a bug here.
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    plugins: { "@next/next": nextPlugin },
    rules: { ...nextPlugin.configs.recommended.rules, ...nextPlugin.configs["core-web-vitals"].rules },
  },
  {
    // Node scripts (plain ES modules run by node, not bundled).
    files: ["**/*.{mjs,cjs,js}"],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
  },
]);
