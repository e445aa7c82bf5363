/**
 * Field-level differences between an audit event's before and after snapshots. Nested objects
 * become dotted paths ("settings.email"); arrays and scalars are compared as whole values.
 */
export type Change = "added" | "removed" | "changed" | "unchanged";

export interface FieldDiff {
  path: string;
  change: Change;
  /** undefined when the field is absent on that side. */
  before?: unknown;
  after?: unknown;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function flatten(value: unknown, prefix: string, out: Map<string, unknown>) {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix || "(value)", value);
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function diffSnapshots(before: unknown, after: unknown): FieldDiff[] {
  const b = new Map<string, unknown>();
  const a = new Map<string, unknown>();
  if (before != null) flatten(before, "", b);
  if (after != null) flatten(after, "", a);
  const paths = [...new Set([...b.keys(), ...a.keys()])];
  return paths.map((path) => {
    const inBefore = b.has(path);
    const inAfter = a.has(path);
    if (!inBefore) return { path, change: "added", after: a.get(path) };
    if (!inAfter) return { path, change: "removed", before: b.get(path) };
    const bv = b.get(path);
    const av = a.get(path);
    return { path, change: same(bv, av) ? "unchanged" : "changed", before: bv, after: av };
  });
}

/** A value as a reader sees it: text as is, everything else as compact JSON. */
export function displayValue(v: unknown): string {
  if (v === undefined) return "—";
  if (typeof v === "string") return v === "" ? '""' : v;
  return JSON.stringify(v);
}
