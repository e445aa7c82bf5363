import type { ApiOperation } from "@/server/http/api-route";
import { operationId } from "./document";
import { API_ROUTES } from "./registry";

/** The token placeholder in every example: a shell variable, so a pasted command never holds a secret. */
export const TOKEN_PLACEHOLDER = "$STEWARD_TOKEN";

/** `'…'` for a POSIX shell: nothing inside is expanded; a single quote is closed, escaped and reopened. */
const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** A copyable curl command for an operation, from its declared example, against `origin`. */
export function curlExample(op: ApiOperation, origin: string): string {
  const example = op.example ?? {};
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(example.params?.[name] ?? `<${name}>`));
  // `:` and `/` are legal in a query and keep node names readable (dataset:warehouse/orders).
  const query = example.query ? `?${new URLSearchParams(example.query).toString().replace(/%3A/gi, ":").replace(/%2F/gi, "/")}` : "";
  // The URL in double quotes: `&` must not reach the shell, `$` does not occur in it.
  const lines = [`curl -sS${op.method === "GET" ? "" : ` -X ${op.method}`} "${origin}${path}${query}"`, `-H "Authorization: Bearer ${TOKEN_PLACEHOLDER}"`];
  if (op.body) lines.push(`-H "Content-Type: application/json"`, `--data ${shellQuote(JSON.stringify(example.body ?? {}, null, 2))}`);
  return lines.join(" \\\n  ");
}

/** Every documented operation with its curl example, in the reference's order (for Settings → API). */
export function apiExamples(origin: string) {
  return API_ROUTES.map(({ operation: op }) => ({ id: operationId(op), method: op.method, path: op.path, summary: op.summary, scope: op.scope, curl: curlExample(op, origin) }));
}
