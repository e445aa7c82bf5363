import type { inferRouterInputs } from "@trpc/server";
import { BUSINESS_GOALS, CHANNELS, SEGMENT_STATUSES, SENSITIVITIES } from "@/domain/vocab";
import type { AppRouter } from "@/server/trpc/root";
import { COMMON_SORTS, PAGE_SIZE } from "../../_inventory/sorts";
import { filterFields, id, listInput, many, oneOf, searchableList, sortOptions, text, type ListStateOf } from "@/components/ui/list-state";

// Shared by the server page (to prefetch) and the client list, so both build the same query key.

export type SegmentListInput = inferRouterInputs<AppRouter>["segments"]["list"];

export const SORTS = sortOptions({
  ...COMMON_SORTS,
  "updated-asc": "Least recently updated",
  "sensitivity-desc": "Sensitivity, highest first",
  "sensitivity-asc": "Sensitivity, lowest first",
  "status-asc": "Status, draft first",
  "status-desc": "Status, retired first",
});
export type SortKey = keyof typeof SORTS;

export const segmentList = searchableList(
  {
    status: many(SEGMENT_STATUSES),
    sensitivity: oneOf(SENSITIVITIES),
    goal: oneOf(BUSINESS_GOALS),
    channel: oneOf(CHANNELS),
    owner: id(),
    team: text(100),
    purpose: id(),
    source: id(),
    findings: oneOf(["blocked", "warnings", "consent_changed"] as const),
    recertification: oneOf(["due"] as const),
  },
  SORTS,
  "name-asc",
);
export type ListState = ListStateOf<typeof segmentList>;

export function toListInput(s: ListState): SegmentListInput {
  return {
    ...listInput(s, SORTS, PAGE_SIZE),
    ...filterFields(s, {
      q: "q",
      status: "status",
      goal: "goal",
      channel: "channel",
      owner: "ownerId",
      team: "team",
      purpose: "purposeId",
      source: "sourceId",
      findings: "findings",
      recertification: "recertification",
    }),
    ...(s.sensitivity ? { sensitivity: [s.sensitivity] } : {}),
  };
}
