/**
 * The OpenAPI 3.1 document of /api/v1, built by zod-openapi from the very zod schemas the route
 * handlers validate with (registry.ts), once per process: it changes only with the code.
 */
import { z } from "zod";
import { createDocument, type ZodObjectInput, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import { TOKEN_UNKNOWN_MESSAGE, tokenLacksScopeMessage } from "@/domain/token-scopes";
import { BUSY_MESSAGE } from "@/server/http/admission";
import { ERROR_CODES, funnelErrors, type ApiOperation, type ErrorStatus } from "@/server/http/api-route";
import { ROUTE_INTERNAL_ERROR } from "@/server/http/errors";
import { JSON_BODY_REQUIRED } from "@/server/http/guards";
import { API_ROUTES, TAGS, WEBHOOK_TAG, WEBHOOKS } from "./registry";

export const DOCUMENT_PATH = "/api/v1/openapi.json";
export const SECURITY_SCHEME = "bearerToken";

/** The one error shape of every route handler (server/http/errors.ts ErrorBody), with the code each status carries. */
const ERROR_SCHEMAS = Object.fromEntries(
  Object.entries(ERROR_CODES).map(([status, code]) => [
    status,
    z
      .object({
        error: z.string().meta({ description: "What went wrong, in plain words, for a person to read." }),
        code: z.literal(code),
        field: z.string().nullable().meta({ description: "The field or parameter at fault (`node`, `body`, `content-type` …), or null." }),
      })
      .meta({ id: `Error${status}`, description: `The refusal with status ${status}.` }),
  ]),
) as Record<string, z.ZodType>;

const RETRY_AFTER = { "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer" as const, minimum: 1 } } };

/**
 * Examples of the funnel's own refusals, with the very messages it sends, for the statuses that
 * have one message whatever the operation. A status the operation documents itself has none.
 */
function funnelExamples(op: ApiOperation): Partial<Record<ErrorStatus, { error: string; field: string | null }>> {
  return {
    401: { error: TOKEN_UNKNOWN_MESSAGE, field: null },
    ...(op.scope ? { 403: { error: tokenLacksScopeMessage(op.scope), field: null } } : {}),
    ...(op.body ? { 415: { error: JSON_BODY_REQUIRED, field: "content-type" } } : {}),
    500: { error: ROUTE_INTERNAL_ERROR, field: null },
    503: { error: BUSY_MESSAGE, field: null },
  };
}

function responses(op: ApiOperation): ZodOpenApiResponsesObject {
  const out: ZodOpenApiResponsesObject = {};
  for (const [status, r] of Object.entries(op.responses)) out[status as `2${string}`] = { description: r.description, content: { "application/json": { schema: r.schema } } };
  const errors = { ...funnelErrors(op), ...op.errors };
  const examples = funnelExamples(op);
  for (const status of Object.keys(errors).map(Number).sort() as ErrorStatus[]) {
    const example = op.errors?.[status] === undefined ? examples[status] : undefined;
    out[String(status) as `4${string}`] = {
      description: errors[status]!,
      ...(status === 503 || status === 429 ? { headers: RETRY_AFTER } : {}),
      content: {
        "application/json": { schema: ERROR_SCHEMAS[status], ...(example ? { example: { error: example.error, code: ERROR_CODES[status], field: example.field } } : {}) },
      },
    };
  }
  return out;
}

/** `GET /api/v1/lineage` → `getApiV1Lineage`: stable, and unique as long as paths are. */
export const operationId = (op: Pick<ApiOperation, "method" | "path">) =>
  op.method.toLowerCase() +
  op.path
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");

function operation(op: ApiOperation): ZodOpenApiOperationObject {
  return {
    operationId: operationId(op),
    tags: [op.tag],
    summary: op.summary,
    description: `${op.description}\n\n${op.scope ? `Token scope: \`${op.scope}\`.` : "Any valid token."}`,
    security: [{ [SECURITY_SCHEME]: op.scope ? [op.scope] : [] }],
    requestParams: { ...(op.params ? { path: op.params as ZodObjectInput } : {}), ...(op.query ? { query: op.query as ZodObjectInput } : {}) },
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: op.body } } } } : {}),
    responses: responses(op),
  };
}

function buildDocument() {
  const paths: ZodOpenApiPathsObject = {
    [DOCUMENT_PATH]: {
      get: {
        operationId: "getOpenApiDocument",
        tags: ["Reference"],
        summary: "This document",
        description: "The OpenAPI 3.1 description of Steward's API. Public: it describes the API's shapes, no data.",
        security: [],
        responses: { "200": { description: "The document.", content: { "application/json": { schema: z.object({ openapi: z.string() }).loose() } } } },
      },
    },
  };
  for (const route of API_ROUTES) {
    const op = route.operation;
    paths[op.path] = { ...paths[op.path], [op.method.toLowerCase()]: operation(op) };
  }
  const webhooks: ZodOpenApiPathsObject = {};
  for (const hook of WEBHOOKS) {
    webhooks[hook.name] = {
      post: {
        operationId: `webhook${hook.name.replace(/(^|[^A-Za-z0-9])([A-Za-z0-9])/g, (_, __, c: string) => c.toUpperCase())}`,
        tags: [WEBHOOK_TAG],
        summary: hook.summary,
        description: hook.description,
        parameters: Object.entries(hook.headers ?? {}).map(([name, description]) => ({ name, in: "header" as const, required: true, description, schema: { type: "string" as const } })),
        requestBody: { required: true, content: { "application/json": { schema: hook.payload } } },
        responses: { "2XX": { description: "Any 2xx status acknowledges the event; anything else is retried." } },
      },
    };
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Steward API",
      version: "1",
      description:
        "Machine access to Steward. Every operation but this document's takes an API token (`Authorization: Bearer <token>`) holding the operation's scope; an admin creates tokens under Settings → API tokens. Every refusal is JSON `{ error, code, field }`.",
    },
    tags: TAGS.filter((t) => t.name !== WEBHOOK_TAG || WEBHOOKS.length),
    components: {
      securitySchemes: {
        [SECURITY_SCHEME]: { type: "http", scheme: "bearer", description: "An API token. Its scopes decide which operations it may call (403 otherwise)." },
      },
    },
    paths,
    ...(WEBHOOKS.length ? { webhooks } : {}),
  });
}

/**
 * An example for each string format the document uses. Viewers make one up from the format's
 * pattern when none is given: zod's date-time pattern came out as "9200-02-29T16:36:45.8203…1Z".
 */
export const FORMAT_EXAMPLES: Record<string, string> = {
  "date-time": "2026-12-04T09:30:00.000Z",
  date: "2026-12-04",
  uuid: "5b0e4e6a-3c1f-4f7e-9a55-2f1d8c7b9e10",
  uri: "https://example.com/pipelines/nightly",
};

/** Calls `visit` on every object in the document, with its JSON path (`/paths/…`). */
export function eachObject(node: unknown, visit: (object: Record<string, unknown>, at: string) => void, at = ""): void {
  if (!node || typeof node !== "object") return;
  const object = node as Record<string, unknown>;
  visit(object, at);
  for (const [key, child] of Object.entries(object)) eachObject(child, visit, `${at}/${key}`);
}

function giveExamples(document: unknown): void {
  eachObject(document, (schema) => {
    if (schema.type !== "string" || typeof schema.format !== "string" || schema.example !== undefined || schema.examples !== undefined) return;
    const example = FORMAT_EXAMPLES[schema.format];
    if (example) schema.example = example;
  });
}

let cached: { document: ReturnType<typeof buildDocument>; json: string } | undefined;

/** The document, built on first use and kept for the process's life. */
export function openApiDocument() {
  if (!cached) {
    const document = buildDocument();
    giveExamples(document);
    cached = { document, json: JSON.stringify(document) };
  }
  return cached;
}
