import type { inferRouterInputs } from "@trpc/server";
import { BUSINESS_GOALS, CHANNELS, SEGMENT_STATUSES, SENSITIVITIES } from "@/domain/vocab";
import type { AppRouter } from "@/server/trpc/root";
import { COMMON_SORTS, PAGE_SIZE } from "../../_inventory/sorts";
import { id, listState, many, oneOf, page, sortOf, sortOptions, text, type StateOf } from "@/components/ui/list-state";

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

const params = {
  q: text(200),
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
  sort: sortOf(SORTS, "name-asc"),
  page: page(),
};
export type ListState = StateOf<typeof params>;
export const segmentList = listState(params);

export function toListInput(s: ListState): SegmentListInput {
  const { sort, dir } = SORTS[s.sort];
  const input: SegmentListInput = { page: s.page, pageSize: PAGE_SIZE, sort, dir };
  if (s.q) input.q = s.q;
  if (s.status.length) input.status = s.status;
  if (s.sensitivity) input.sensitivity = [s.sensitivity];
  if (s.goal) input.goal = s.goal;
  if (s.channel) input.channel = s.channel;
  if (s.owner) input.ownerId = s.owner;
  if (s.team) input.team = s.team;
  if (s.purpose) input.purposeId = s.purpose;
  if (s.source) input.sourceId = s.source;
  if (s.findings) input.findings = s.findings;
  if (s.recertification) input.recertification = s.recertification;
  return input;
}
