import fc from "fast-check";
import superjson from "superjson";
import type { z } from "zod";

/**
 * Generators for the fuzz test (server/validation/fuzz.int.test.ts): values of every class that
 * once gave an HTTP 500 (NUL, lone surrogates, int4 overflow, dates outside PostgreSQL's range,
 * malformed percent-encoding, odd URLs), mixed with plausible ones so that requests get past the
 * first check and reach the database.
 */

const NASTY_STRINGS = [
  "nul\u0000byte",
  "\u0000",
  "x\udfffy",
  "\ud800",
  "a\udc00",
  "",
  "   ",
  "a".repeat(5000),
  "%C0%AF",
  "%00",
  "'; SELECT pg_sleep(1); --",
  "=2+5",
  "\\\\evil.example",
  "//evil.example",
  "http://127.0.0.1:3942.evil.example/",
  "dataset:\u0000/x",
  "dataset:a\ud800/x",
  "job:a/b",
  "0000-01-01",
  "-271821-04-20",
  "+275760-09-13",
  "9999-12-31",
  "2026-02-30",
  "1e400",
  "NaN",
  "segment:00000000-0000-0000-0000-000000000000",
];
const NASTY_NUMBERS = [0, -1, 1, 2, 0.5, -0.0, 2 ** 31 - 1, 2 ** 31, 99999999999, Number.MAX_SAFE_INTEGER, 2 ** 63, 1e308, -1e308, Infinity, -Infinity, NaN];
const NASTY_DATES = [new Date(-8.64e15), new Date(8.64e15), new Date("0000-01-01T00:00:00Z"), new Date(NaN), new Date("2026-11-29T10:15:00Z")];

/** Any UTF-16 code unit, so NUL and both halves of surrogate pairs turn up often. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
export const nastyString = fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.string({ unit: codeUnit, maxLength: 12 }), fc.string({ maxLength: 12 }));

export function scalarArb(pool: { ids: string[]; words: string[] }) {
  return fc.oneof(
    { weight: 3, arbitrary: nastyString },
    { weight: 3, arbitrary: fc.constantFrom(...pool.ids) },
    { weight: 2, arbitrary: fc.constantFrom(...pool.words) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_NUMBERS) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.constantFrom(...NASTY_DATES) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

/** Nested objects and arrays (depth ≤ 3) with the field names the schemas use. */
export function valueArb(pool: { ids: string[]; words: string[]; keys: string[] }) {
  const scalar = scalarArb(pool);
  const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pool.keys) }, { weight: 1, arbitrary: nastyString });
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof({ depthSize: "small", maxDepth: 3 }, scalar, fc.array(tie("value"), { maxLength: 4 }), fc.dictionary(key, tie("value"), { maxKeys: 5 })),
  }));
  return value;
}

type AnySchema = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } } };

/** Strips optional/default/nullable/pipe wrappers off a zod schema. */
function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (let i = 0; i < 10; i++) {
    const def = s._zod.def;
    const inner = (def.innerType ?? (def.type === "pipe" ? def.in : undefined) ?? (def.type === "lazy" ? (def.getter as () => AnySchema)() : undefined)) as AnySchema | undefined;
    if (!inner) return s;
    s = inner;
  }
  return s;
}

/** The field names of an object schema, with the values an enum field accepts. */
export function shapeOf(schema: unknown): Array<{ key: string; options: unknown[] }> | null {
  if (!schema) return null;
  const s = unwrap(schema as AnySchema);
  if (s._zod.def.type !== "object") return null;
  const shape = s._zod.def.shape as Record<string, AnySchema>;
  return Object.entries(shape).map(([key, field]) => {
    const inner = unwrap(field);
    const entries =
      inner._zod.def.type === "enum" ? Object.values(inner._zod.def.entries as Record<string, unknown>) : inner._zod.def.type === "literal" ? (inner._zod.def.values as unknown[]) : [];
    return { key, options: entries };
  });
}

/**
 * An input for a procedure: for an object schema, a record over its own fields (each one
 * plausible or nasty, any of them missing), else any value.
 */
export function inputArb(schema: unknown, pool: { ids: string[]; words: string[]; keys: string[] }) {
  const value = valueArb(pool);
  const shape = shapeOf(schema);
  if (!shape) return value;
  const fields = Object.fromEntries(
    shape.map(({ key, options }) => [key, options.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...options) }, { weight: 1, arbitrary: value }) : value]),
  );
  return fc.oneof({ weight: 4, arbitrary: fc.record(fields, { requiredKeys: [] }) }, { weight: 1, arbitrary: value });
}

/** The tRPC wire form of an input (superjson), as the browser client sends it. */
export function wire(input: unknown): string {
  try {
    return JSON.stringify(superjson.serialize(input));
  } catch {
    // superjson refuses to send "__proto__" or "prototype" keys; an attacker's client would not.
    return JSON.stringify({ json: input });
  }
}

// ---- inputs shaped like each procedure's schema

type Def = Record<string, unknown> & { type: string; format?: string };
const defOf = (s: unknown) => (s as { _zod: { def: Def } })._zod.def;

/** The nasty values for a leaf of a given kind: the classes that once gave a 500, and wrong types. */
export const NASTY_BY_KIND = {
  string: ["nul\u0000byte", "x\udfffy"],
  number: [99999999999, -1],
  date: ["0000-01-01", new Date(-8.64e15)],
  other: ["nul\u0000byte"],
};

export interface Leaf {
  path: string[];
  kind: keyof typeof NASTY_BY_KIND;
}

export interface Pool {
  ids: string[];
  words: string[];
  /** The id a field of this name most plausibly holds (segmentId: a segment's). */
  idFor?: (field: string) => string;
}

/** A plausible value for a schema (ids from the pool, enums' first options, short words), and its leaves. */
export function plausible(schema: unknown, pool: Pool, path: string[] = [], leaves: Leaf[] = [], depth = 0): unknown {
  const def = defOf(schema);
  const leaf = (kind: Leaf["kind"], value: unknown) => {
    leaves.push({ path, kind });
    return value;
  };
  switch (def.type) {
    case "optional":
    case "default":
    case "nullable":
    case "readonly":
    case "catch":
    case "nonoptional":
      return plausible(def.innerType, pool, path, leaves, depth);
    case "pipe":
      return plausible(def.in, pool, path, leaves, depth);
    case "lazy":
      return depth > 3 ? { type: "group", combinator: "and", children: [] } : plausible((def.getter as () => unknown)(), pool, path, leaves, depth + 1);
    case "object":
      return Object.fromEntries(Object.entries(def.shape as Record<string, unknown>).map(([k, v]) => [k, plausible(v, pool, [...path, k], leaves, depth)]));
    case "array":
      return depth > 3 ? [] : [plausible(def.element, pool, [...path, "0"], leaves, depth + 1)];
    case "tuple":
      return (def.items as unknown[]).map((item, i) => plausible(item, pool, [...path, String(i)], leaves, depth));
    case "union":
      return plausible((def.options as unknown[])[0], pool, path, leaves, depth);
    case "record": {
      const key = plausible(def.keyType, pool, [], [], depth);
      return { [String(key)]: plausible(def.valueType, pool, [...path, String(key)], leaves, depth) };
    }
    case "enum":
      return leaf("other", Object.values(def.entries as Record<string, unknown>)[0]);
    case "literal":
      return (def.values as unknown[])[0];
    case "boolean":
      return leaf("other", true);
    case "number":
      return leaf("number", 1);
    case "date":
      return leaf("date", new Date("2026-11-29T10:15:00Z"));
    case "string":
      if (def.format === "uuid" || def.format === "guid") return leaf("string", pool.idFor?.(path.at(-1) ?? "") ?? pool.ids[0]);
      if (def.format === "date") return leaf("date", "2026-11-29");
      if (def.format === "datetime") return leaf("date", "2026-11-29T10:15:00Z");
      if (def.format === "url") return leaf("string", "https://example.com/x");
      if (def.format === "email") return leaf("string", "someone@example.test");
      return leaf("string", pool.words[0]);
    default:
      return undefined;
  }
}

function setAt(value: unknown, path: string[], replacement: unknown): unknown {
  if (!path.length) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string, unknown>;
  copy[head!] = setAt(copy[head!], rest, replacement);
  return copy;
}

/**
 * Deterministic mutants: the plausible input with one leaf at a time replaced by each nasty
 * value of its kind (every string field gets a NUL and a lone surrogate, every number an int4
 * overflow, every date the year 0 …).
 */
export function leafMutants(schema: unknown, pool: Pool): unknown[] {
  if (!schema) return [undefined];
  const leaves: Leaf[] = [];
  const base = plausible(schema, pool, [], leaves);
  return [base, ...leaves.flatMap((l) => NASTY_BY_KIND[l.kind].map((nasty) => setAt(base, l.path, nasty)))];
}

/** Random inputs: the plausible one with any of its leaves swapped for random values of every kind. */
export function mutatedInputArb(schema: unknown, pool: Pool & { keys: string[] }) {
  if (!schema) return valueArb(pool);
  const leaves: Leaf[] = [];
  const base = plausible(schema, pool, [], leaves);
  if (!leaves.length) return valueArb(pool);
  const value = valueArb(pool);
  return fc.array(fc.tuple(fc.constantFrom(...leaves), value), { minLength: 1, maxLength: 3 }).map((swaps) => swaps.reduce((acc, [l, v]) => setAt(acc, l.path, v), base));
}
