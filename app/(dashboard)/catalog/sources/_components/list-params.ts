import type { inferRouterInputs } from "@trpc/server";
import { JURISDICTIONS, SYSTEM_TYPES, type SystemType } from "@/domain/vocab";
import type { AppRouter } from "@/server/trpc/root";
import { oneOf, pageOf, type Jurisdiction } from "../../_inventory/format";

// Shared by the server page (to prefetch) and the client list, so both build the same query key.

export type SourceListInput = inferRouterInputs<AppRouter>["sources"]["list"];
export const PAGE_SIZE = 25;

export const SORTS = {
  "name-asc": { sort: "name", dir: "asc", label: "Name, A–Z" },
  "name-desc": { sort: "name", dir: "desc", label: "Name, Z–A" },
  "updated-desc": { sort: "updated", dir: "desc", label: "Recently updated" },
  "signals-desc": { sort: "signals", dir: "desc", label: "Most signals" },
} as const;
export type SortKey = keyof typeof SORTS;

export interface SourceListState {
  q: string;
  type: SystemType | "";
  jurisdiction: Jurisdiction | "";
  retired: boolean;
  sort: SortKey;
  page: number;
}

export const EMPTY: SourceListState = { q: "", type: "", jurisdiction: "", retired: false, sort: "name-asc", page: 1 };

/** Anything unknown in the query string (e.g. an edited link) is ignored. */
export function readSourceList(get: (name: string) => string | undefined): SourceListState {
  const sort = get("sort") ?? "";
  return {
    q: (get("q") ?? "").trim().slice(0, 200),
    type: oneOf(SYSTEM_TYPES, get("type")),
    jurisdiction: oneOf(JURISDICTIONS, get("jurisdiction")),
    retired: get("retired") === "1",
    sort: sort in SORTS ? (sort as SortKey) : "name-asc",
    page: pageOf(get("page")),
  };
}

export function sourceListQuery(s: SourceListState): string {
  const p = new URLSearchParams();
  if (s.q.trim()) p.set("q", s.q.trim());
  if (s.type) p.set("type", s.type);
  if (s.jurisdiction) p.set("jurisdiction", s.jurisdiction);
  if (s.retired) p.set("retired", "1");
  if (s.sort !== "name-asc") p.set("sort", s.sort);
  if (s.page > 1) p.set("page", String(s.page));
  return p.toString();
}

export function toSourceListInput(s: SourceListState): SourceListInput {
  const { sort, dir } = SORTS[s.sort];
  const input: SourceListInput = { page: s.page, pageSize: PAGE_SIZE, sort, dir, includeRetired: s.retired };
  if (s.q) input.q = s.q;
  if (s.type) input.systemType = s.type;
  if (s.jurisdiction) input.jurisdiction = s.jurisdiction;
  return input;
}

export const hasFilters = (s: SourceListState) => sourceListQuery({ ...s, sort: "name-asc", page: 1 }) !== "";

/** The source detail page lists the source's signals, retired ones included. */
export const sourceSignalsInput = (sourceId: string): inferRouterInputs<AppRouter>["signals"]["list"] => ({
  sourceId,
  includeRetired: true,
  pageSize: 100,
  sort: "name",
  dir: "asc",
  page: 1,
});
