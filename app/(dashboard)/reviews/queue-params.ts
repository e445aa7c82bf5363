import { REVIEW_STATUSES, REVIEW_TYPES, type ReviewStatus, type ReviewType } from "@/domain/review-rules";

export const QUEUES = [
  { key: "awaiting_me", label: "Awaiting my review" },
  { key: "mine", label: "My requests" },
  { key: "open", label: "All open" },
  { key: "all", label: "All" },
] as const;
export type Queue = (typeof QUEUES)[number]["key"];

export interface QueueParams {
  queue: Queue;
  type?: ReviewType;
  status?: ReviewStatus;
  overdue?: boolean;
}

type Raw = Record<string, string | string[] | undefined> | { get: (k: string) => string | null };
const get = (raw: Raw, k: string) => {
  const v = typeof raw.get === "function" ? (raw as { get: (k: string) => string | null }).get(k) : (raw as Record<string, string | string[] | undefined>)[k];
  return typeof v === "string" ? v : undefined;
};
const oneOf = <T extends string>(list: readonly T[], v: string | undefined) => ((list as readonly string[]).includes(v ?? "") ? (v as T) : undefined);

/** The queue view lives in the URL; anything unknown falls back to the default. */
export function parseQueueParams(raw: Raw): QueueParams {
  const queue =
    oneOf(
      QUEUES.map((q) => q.key),
      get(raw, "queue"),
    ) ?? "awaiting_me";
  return {
    queue,
    type: oneOf(REVIEW_TYPES, get(raw, "type")),
    // Status only narrows "All"; the other queues have a fixed notion of what is open.
    status: queue === "all" ? oneOf(REVIEW_STATUSES, get(raw, "status")) : undefined,
    overdue: get(raw, "overdue") === "1" ? true : undefined,
  };
}

export function queueHref(p: QueueParams): string {
  const q = new URLSearchParams({ queue: p.queue });
  if (p.type) q.set("type", p.type);
  if (p.status && p.queue === "all") q.set("status", p.status);
  if (p.overdue) q.set("overdue", "1");
  return `/reviews?${q.toString()}`;
}

/** The list query's input for these params. */
export const listInput = (p: QueueParams) => ({ queue: p.queue, type: p.type, status: p.status, overdue: p.overdue, limit: 100 });
