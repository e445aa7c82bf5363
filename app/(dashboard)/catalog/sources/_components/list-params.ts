import type { inferRouterInputs } from "@trpc/server";
import { JURISDICTIONS, SYSTEM_TYPES } from "@/domain/vocab";
import type { AppRouter } from "@/server/trpc/root";
import { COMMON_SORTS, PAGE_SIZE } from "../../_inventory/sorts";
import { filterFields, flag, listInput, oneOf, searchableList, sortOptions, type ListStateOf } from "@/components/ui/list-state";

// Shared by the server page (to prefetch) and the client list, so both build the same query key.

export type SourceListInput = inferRouterInputs<AppRouter>["sources"]["list"];

export const SORTS = sortOptions({
  ...COMMON_SORTS,
  "signals-desc": "Most signals",
});
export type SortKey = keyof typeof SORTS;

export const sourceList = searchableList({ type: oneOf(SYSTEM_TYPES), jurisdiction: oneOf(JURISDICTIONS), retired: flag() }, SORTS, "name-asc");
export type SourceListState = ListStateOf<typeof sourceList>;

export function toSourceListInput(s: SourceListState): SourceListInput {
  return { ...listInput(s, SORTS, PAGE_SIZE), includeRetired: s.retired, ...filterFields(s, { q: "q", type: "systemType", jurisdiction: "jurisdiction" }) };
}

/** The source detail page lists the source's signals, retired ones included. */
export const sourceSignalsInput = (sourceId: string): inferRouterInputs<AppRouter>["signals"]["list"] => ({
  sourceId,
  includeRetired: true,
  pageSize: 100,
  sort: "name",
  dir: "asc",
  page: 1,
});
