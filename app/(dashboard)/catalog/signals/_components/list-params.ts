import type { inferRouterInputs } from "@trpc/server";
import { FIDELITIES, SIGNAL_KINDS } from "@/domain/vocab";
import type { AppRouter } from "@/server/trpc/root";
import { COMMON_SORTS, PAGE_SIZE } from "../../_inventory/sorts";
import { filterFields, flag, id, listInput, oneOf, searchableList, sortOptions, type ListStateOf } from "@/components/ui/list-state";

// Shared by the server page (to prefetch) and the client list, so both build the same query key.

export type SignalListInput = inferRouterInputs<AppRouter>["signals"]["list"];

export const SORTS = sortOptions({
  ...COMMON_SORTS,
  "source-asc": "Data source, A–Z",
});
export type SortKey = keyof typeof SORTS;

export const signalList = searchableList({ source: id(), kind: oneOf(SIGNAL_KINDS), fidelity: oneOf(FIDELITIES), category: id(), purpose: id(), retired: flag() }, SORTS, "name-asc");
export type SignalListState = ListStateOf<typeof signalList>;

export function toSignalListInput(s: SignalListState): SignalListInput {
  return {
    ...listInput(s, SORTS, PAGE_SIZE),
    includeRetired: s.retired,
    ...filterFields(s, { q: "q", source: "sourceId", kind: "kind", fidelity: "fidelity", category: "categoryId", purpose: "purposeId" }),
  };
}
