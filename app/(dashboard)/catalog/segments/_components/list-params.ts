import type { inferRouterInputs } from "@trpc/server";
import { isUuid } from "@/domain/ids";
import { BUSINESS_GOALS, CHANNELS, SEGMENT_STATUSES, SENSITIVITIES, type BusinessGoal, type Channel, type SegmentStatus, type Sensitivity } from "@/domain/vocab";
import type { AppRouter } from "@/server/trpc/root";

// Shared by the server page (to prefetch) and the client list, so both build the same query key.

export type SegmentListInput = inferRouterInputs<AppRouter>["segments"]["list"];
export const PAGE_SIZE = 25;

export const SORTS = {
  "name-asc": { sort: "name", dir: "asc", label: "Name, A–Z" },
  "name-desc": { sort: "name", dir: "desc", label: "Name, Z–A" },
  "updated-desc": { sort: "updated", dir: "desc", label: "Recently updated" },
  "updated-asc": { sort: "updated", dir: "asc", label: "Least recently updated" },
  "sensitivity-desc": { sort: "sensitivity", dir: "desc", label: "Sensitivity, highest first" },
  "sensitivity-asc": { sort: "sensitivity", dir: "asc", label: "Sensitivity, lowest first" },
  "status-asc": { sort: "status", dir: "asc", label: "Status, draft first" },
  "status-desc": { sort: "status", dir: "desc", label: "Status, retired first" },
} as const;
export type SortKey = keyof typeof SORTS;

export interface ListState {
  q: string;
  status: SegmentStatus[];
  sensitivity: Sensitivity | "";
  goal: BusinessGoal | "";
  channel: Channel | "";
  owner: string;
  team: string;
  purpose: string;
  source: string;
  findings: "blocked" | "warnings" | "consent_changed" | "";
  recertification: "due" | "";
  sort: SortKey;
  page: number;
}

export const EMPTY_STATE: ListState = {
  q: "",
  status: [],
  sensitivity: "",
  goal: "",
  channel: "",
  owner: "",
  team: "",
  purpose: "",
  source: "",
  findings: "",
  recertification: "",
  sort: "name-asc",
  page: 1,
};

const oneOf = <T extends string>(list: readonly T[], v: string | undefined): T | "" => (v && (list as readonly string[]).includes(v) ? (v as T) : "");
const uuidOr = (v: string | undefined) => (isUuid(v) ? v : "");

/** Reads the list state from a query string; anything unknown (e.g. an edited link) is ignored. */
export function readListState(get: (name: string) => string | undefined, getAll: (name: string) => string[]): ListState {
  const sort = get("sort") ?? "";
  const page = Number(get("page"));
  return {
    q: (get("q") ?? "").trim().slice(0, 200),
    status: [...new Set(getAll("status"))].filter((s): s is SegmentStatus => (SEGMENT_STATUSES as readonly string[]).includes(s)),
    sensitivity: oneOf(SENSITIVITIES, get("sensitivity")),
    goal: oneOf(BUSINESS_GOALS, get("goal")),
    channel: oneOf(CHANNELS, get("channel")),
    owner: uuidOr(get("owner")),
    team: (get("team") ?? "").trim().slice(0, 100),
    purpose: uuidOr(get("purpose")),
    source: uuidOr(get("source")),
    findings: oneOf(["blocked", "warnings", "consent_changed"] as const, get("findings")),
    recertification: oneOf(["due"] as const, get("recertification")),
    sort: sort in SORTS ? (sort as SortKey) : "name-asc",
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

export function toQueryString(s: ListState): string {
  const p = new URLSearchParams();
  if (s.q.trim()) p.set("q", s.q.trim());
  for (const st of s.status) p.append("status", st);
  const single = ["sensitivity", "goal", "channel", "owner", "team", "purpose", "source", "findings", "recertification"] as const;
  for (const k of single) if (s[k].trim()) p.set(k, s[k].trim());
  if (s.sort !== "name-asc") p.set("sort", s.sort);
  if (s.page > 1) p.set("page", String(s.page));
  return p.toString();
}

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

export function hasFilters(s: ListState): boolean {
  return toQueryString({ ...s, sort: "name-asc", page: 1 }) !== "";
}
