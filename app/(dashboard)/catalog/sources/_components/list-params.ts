import type { inferRouterInputs } from "@trpc/server";
import { JURISDICTIONS, SYSTEM_TYPES } from "@/domain/vocab";
import type { AppRouter } from "@/server/trpc/root";
import { COMMON_SORTS, PAGE_SIZE } from "../../_inventory/sorts";
import { flag, listState, oneOf, page, sortOf, sortOptions, text, type StateOf } from "@/components/ui/list-state";

// Shared by the server page (to prefetch) and the client list, so both build the same query key.

export type SourceListInput = inferRouterInputs<AppRouter>["sources"]["list"];

export const SORTS = sortOptions({
  ...COMMON_SORTS,
  "signals-desc": "Most signals",
});
export type SortKey = keyof typeof SORTS;

const params = {
  q: text(200),
  type: oneOf(SYSTEM_TYPES),
  jurisdiction: oneOf(JURISDICTIONS),
  retired: flag(),
  sort: sortOf(SORTS, "name-asc"),
  page: page(),
};
export type SourceListState = StateOf<typeof params>;
export const sourceList = listState(params);

export function toSourceListInput(s: SourceListState): SourceListInput {
  const { sort, dir } = SORTS[s.sort];
  const input: SourceListInput = { page: s.page, pageSize: PAGE_SIZE, sort, dir, includeRetired: s.retired };
  if (s.q) input.q = s.q;
  if (s.type) input.systemType = s.type;
  if (s.jurisdiction) input.jurisdiction = s.jurisdiction;
  return input;
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
