import type { inferRouterInputs } from "@trpc/server";
import { FIDELITIES, SIGNAL_KINDS, type Fidelity, type SignalKind } from "@/domain/vocab";
import type { AppRouter } from "@/server/trpc/root";
import { isUuid } from "@/domain/ids";
import { oneOf, pageOf } from "../../_inventory/format";

// Shared by the server page (to prefetch) and the client list, so both build the same query key.

export type SignalListInput = inferRouterInputs<AppRouter>["signals"]["list"];
export const PAGE_SIZE = 25;

export const SORTS = {
  "name-asc": { sort: "name", dir: "asc", label: "Name, A–Z" },
  "name-desc": { sort: "name", dir: "desc", label: "Name, Z–A" },
  "updated-desc": { sort: "updated", dir: "desc", label: "Recently updated" },
  "source-asc": { sort: "source", dir: "asc", label: "Data source, A–Z" },
} as const;
export type SortKey = keyof typeof SORTS;

export interface SignalListState {
  q: string;
  source: string;
  kind: SignalKind | "";
  fidelity: Fidelity | "";
  category: string;
  purpose: string;
  retired: boolean;
  sort: SortKey;
  page: number;
}

export const EMPTY: SignalListState = { q: "", source: "", kind: "", fidelity: "", category: "", purpose: "", retired: false, sort: "name-asc", page: 1 };

/** Anything unknown in the query string (e.g. an edited link) is ignored. */
export function readSignalList(get: (name: string) => string | undefined): SignalListState {
  const sort = get("sort") ?? "";
  const id = (name: string) => {
    const v = get(name);
    return isUuid(v) ? v : "";
  };
  return {
    q: (get("q") ?? "").trim().slice(0, 200),
    source: id("source"),
    kind: oneOf(SIGNAL_KINDS, get("kind")),
    fidelity: oneOf(FIDELITIES, get("fidelity")),
    category: id("category"),
    purpose: id("purpose"),
    retired: get("retired") === "1",
    sort: sort in SORTS ? (sort as SortKey) : "name-asc",
    page: pageOf(get("page")),
  };
}

export function signalListQuery(s: SignalListState): string {
  const p = new URLSearchParams();
  if (s.q.trim()) p.set("q", s.q.trim());
  for (const k of ["source", "kind", "fidelity", "category", "purpose"] as const) if (s[k]) p.set(k, s[k]);
  if (s.retired) p.set("retired", "1");
  if (s.sort !== "name-asc") p.set("sort", s.sort);
  if (s.page > 1) p.set("page", String(s.page));
  return p.toString();
}

export function toSignalListInput(s: SignalListState): SignalListInput {
  const { sort, dir } = SORTS[s.sort];
  const input: SignalListInput = { page: s.page, pageSize: PAGE_SIZE, sort, dir, includeRetired: s.retired };
  if (s.q) input.q = s.q;
  if (s.source) input.sourceId = s.source;
  if (s.kind) input.kind = s.kind;
  if (s.fidelity) input.fidelity = s.fidelity;
  if (s.category) input.categoryId = s.category;
  if (s.purpose) input.purposeId = s.purpose;
  return input;
}

export const hasFilters = (s: SignalListState) => signalListQuery({ ...s, sort: "name-asc", page: 1 }) !== "";

/** Pickers (source, category, purpose) load these; the source list is capped by the API at 100. */
export const SOURCE_PICKER_INPUT = { pageSize: 100, sort: "name", dir: "asc", page: 1, includeRetired: false } as const satisfies inferRouterInputs<AppRouter>["sources"]["list"];
