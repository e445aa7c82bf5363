import { isUuid } from "@/domain/ids";

/**
 * A list's state (filters, sort, page) lives in the query string so a view can be shared. Each list
 * declares its parameters once; reading, writing and "are any filters on" all follow from that.
 * Reading ignores anything unknown (e.g. an edited link); writing leaves defaults out, so the
 * plain list has a plain URL.
 */
export interface Param<T> {
  initial: T;
  /** All values the query string has under this name (most parameters use only the first). */
  read: (values: string[]) => T;
  /** The values to write; none when the value is the default. Method syntax, so any Param fits Param<unknown>. */
  write(value: T): string[];
  /** Sort and page are not filters: "Clear filters" and the "filtered" wording ignore them. */
  isFilter: boolean;
}

const param = <T>(initial: T, read: (values: string[]) => T, write: (value: T) => string[], isFilter = true): Param<T> => ({
  initial,
  read,
  write,
  isFilter,
});
const nonEmpty = (v: string) => (v ? [v] : []);

/** Free text, trimmed and capped. */
export const text = (max: number) =>
  param(
    "",
    (v) => (v[0] ?? "").trim().slice(0, max),
    (v) => nonEmpty(v.trim()),
  );

/** One value of a fixed list, or "" for any. */
export const oneOf = <T extends string>(list: readonly T[]) => param<T | "">("", (v) => (v[0] !== undefined && (list as readonly string[]).includes(v[0]) ? (v[0] as T) : ""), nonEmpty);

/** Any number of values of a fixed list, written as a repeated parameter. */
export const many = <T extends string>(list: readonly T[]) =>
  param<T[]>(
    [],
    (v) => [...new Set(v)].filter((s): s is T => (list as readonly string[]).includes(s)),
    (v) => v,
  );

/** Ids in the URL are checked as the server checks them (it would refuse a malformed one with a 400). */
export { isUuid };

/** An id, checked as the server checks it (which would refuse a malformed one with a 400). */
export const id = () => param("", (v) => (isUuid(v[0]) ? v[0] : ""), nonEmpty);

/** On or off, written as `=1`. */
export const flag = () =>
  param(
    false,
    (v) => v[0] === "1",
    (v) => (v ? ["1"] : []),
  );

/** One of a list's named sort orders. */
export const sortOf = <K extends string>(sorts: Record<K, unknown>, initial: NoInfer<K>) =>
  param<K>(
    initial,
    (v) => (v[0] !== undefined && v[0] in sorts ? (v[0] as K) : initial),
    (v) => (v === initial ? [] : [v]),
    false,
  );

/** A page number from 1. */
export const page = () =>
  param(
    1,
    (v) => {
      const n = Number(v[0]);
      return Number.isInteger(n) && n >= 1 ? n : 1;
    },
    (v) => (v > 1 ? [String(v)] : []),
    false,
  );

/** Where the values come from: URLSearchParams in the browser, `paramsOf` on the server. */
export interface ParamSource {
  getAll: (name: string) => string[];
}

/** A server page's `searchParams` as a ParamSource. */
export const paramsOf = (params: Record<string, string | string[] | undefined>): ParamSource => ({
  getAll: (name) => {
    const v = params[name];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  },
});

export type StateOf<P extends Record<string, Param<unknown>>> = { [K in keyof P]: P[K]["initial"] };

export interface ListStateCodec<S> {
  empty: S;
  read: (source: ParamSource) => S;
  toQueryString: (state: S) => string;
  hasFilters: (state: S) => boolean;
}

/** The parameter names are the state's keys, written in the order they are declared. */
export function listState<P extends Record<string, Param<unknown>>>(params: P): ListStateCodec<StateOf<P>> {
  type S = StateOf<P>;
  const entries = Object.entries(params) as [keyof S & string, Param<unknown>][];
  const empty = Object.fromEntries(entries.map(([k, p]) => [k, p.initial])) as S;
  const write = (state: S, only: (p: Param<unknown>) => boolean) => {
    const out = new URLSearchParams();
    for (const [k, p] of entries) if (only(p)) for (const v of p.write(state[k])) out.append(k, v);
    return out.toString();
  };
  return {
    empty,
    read: (source) => Object.fromEntries(entries.map(([k, p]) => [k, p.read(source.getAll(k))])) as S,
    toQueryString: (state) => write(state, () => true),
    hasFilters: (state) => write(state, (p) => p.isFilter) !== "",
  };
}

type SortOption<K> = K extends `${infer Field}-${infer Dir extends "asc" | "desc"}` ? { sort: Field; dir: Dir; label: string } : never;

/** A list's sort orders, keyed "field-direction" as they appear in the URL: `{ "name-asc": "Name, A–Z" }`. */
export function sortOptions<K extends `${string}-${"asc" | "desc"}`>(labels: Record<K, string>): { [P in K]: SortOption<P> } {
  return Object.fromEntries(
    Object.entries<string>(labels).map(([key, label]) => {
      const cut = key.lastIndexOf("-");
      return [key, { sort: key.slice(0, cut), dir: key.slice(cut + 1), label }];
    }),
  ) as { [P in K]: SortOption<P> };
}

/** A searchable list: a search box first, the list's own filters, then its sort order and page. */
export function searchableList<F extends Record<string, Param<unknown>>, K extends string>(filters: F, sorts: Record<K, unknown>, initialSort: NoInfer<K>) {
  return listState({ q: text(200), ...filters, sort: sortOf(sorts, initialSort), page: page() });
}

/** The state a list codec reads and writes. */
export type ListStateOf<C> = C extends ListStateCodec<infer S> ? S : never;

/** The page and sort order a list query takes, from the state's page and sort key. */
export function listInput<K extends string, O extends { sort: string; dir: "asc" | "desc" }>(state: { page: number; sort: K }, sorts: Record<K, O>, pageSize: number) {
  const { sort, dir } = sorts[state.sort];
  return { page: state.page, pageSize, sort: sort as O["sort"], dir: dir as O["dir"] };
}

type Chosen<T> = Exclude<T, "">;

/**
 * The filters that are set, each under the API's name for it (`names`: state key → input key).
 * Empty text, "any" ("") and an empty choice ([]) are left out, so the query says only what was asked.
 */
export function filterFields<S extends Record<string, unknown>, const M extends { [P in keyof S]?: string }>(
  state: S,
  names: M,
): { [P in keyof M & keyof S as M[P] & string]?: Chosen<S[P]> } {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(names) as (keyof M & keyof S & string)[]) {
    const value = state[key];
    if (Array.isArray(value) ? value.length > 0 : value !== "") out[names[key] as string] = value;
  }
  return out as { [P in keyof M & keyof S as M[P] & string]?: Chosen<S[P]> };
}

/**
 * Binds filter fields to a list's state: `field("kind")` is the field's name, its value and the
 * change that writes it back, so a filter card names each key once.
 */
export function filterField<S>(state: S, onChange: (patch: Partial<S>) => void) {
  return <K extends keyof S & string>(name: K) => ({ name, value: state[name], onChange: (value: S[K]) => onChange({ [name]: value } as unknown as Partial<S>) });
}
