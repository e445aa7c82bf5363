import type { inferRouterInputs } from "@trpc/server";
import { FIDELITIES, SIGNAL_KINDS } from "@/domain/vocab";
import type { AppRouter } from "@/server/trpc/root";
import { COMMON_SORTS, PAGE_SIZE } from "../../_inventory/sorts";
import { flag, id, listState, oneOf, page, sortOf, sortOptions, text, type StateOf } from "@/components/ui/list-state";

// Shared by the server page (to prefetch) and the client list, so both build the same query key.

export type SignalListInput = inferRouterInputs<AppRouter>["signals"]["list"];

export const SORTS = sortOptions({
  ...COMMON_SORTS,
  "source-asc": "Data source, A–Z",
});
export type SortKey = keyof typeof SORTS;

const params = {
  q: text(200),
  source: id(),
  kind: oneOf(SIGNAL_KINDS),
  fidelity: oneOf(FIDELITIES),
  category: id(),
  purpose: id(),
  retired: flag(),
  sort: sortOf(SORTS, "name-asc"),
  page: page(),
};
export type SignalListState = StateOf<typeof params>;
export const signalList = listState(params);

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
