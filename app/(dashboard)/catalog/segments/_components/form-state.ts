import type { inferRouterInputs } from "@trpc/server";
import type { Condition, Group, SegmentRef } from "@/domain/segment-definition";
import type { BusinessGoal, Channel, RefreshCadence, Sensitivity, ValueType } from "@/domain/vocab";
import type { AppRouter } from "@/server/trpc/root";
import type { SegmentDetail } from "./types";

type In = inferRouterInputs<AppRouter>["segments"];
export type CreateInput = In["create"];
export type UpdateInput = In["update"];

/** Rule nodes as edited: each carries a client-only uid for React keys, stripped before saving. */
export type EditorCondition = Omit<Condition, "signalId"> & { uid: string; signalId: string };
export type EditorRef = Omit<SegmentRef, "segmentId"> & { uid: string; segmentId: string };
export type EditorGroup = { uid: string; type: "group"; combinator: "and" | "or"; children: EditorNode[] };
export type EditorNode = EditorCondition | EditorRef | EditorGroup;

/** Number fields are kept as typed, so a half-typed value is not lost; they are parsed on save. */
export interface SegmentForm {
  key: string;
  name: string;
  description: string;
  purposeStatement: string;
  businessGoal: BusinessGoal | "";
  declaredPurposeIds: string[];
  channels: Channel[];
  definition: EditorGroup;
  sensitivityOverride: Sensitivity | "";
  refreshCadence: RefreshCadence | "";
  lookbackDays: string;
  minCohortSize: string;
  frequencyCaps: Partial<Record<Channel, { count: string; perDays: string }>>;
  assumptions: string;
  limitations: string;
  expectedOutcomes: string;
  ownerId: string;
  team: string;
  tags: string;
  recertifyBy: string;
}

let uidCounter = 0;
export const newUid = () => `n${++uidCounter}`;

export function toEditorTree(g: Group): EditorGroup {
  return {
    uid: newUid(),
    type: "group",
    combinator: g.combinator,
    children: g.children.map((c) => (c.type === "group" ? toEditorTree(c) : { ...c, uid: newUid() })),
  };
}

export function fromEditorTree(g: EditorGroup): Group {
  return {
    type: "group",
    combinator: g.combinator,
    children: g.children.map((c) => {
      if (c.type === "group") return fromEditorTree(c);
      if (c.type === "condition") return { type: "condition", signalId: c.signalId, operator: c.operator, value: c.value };
      return { type: "segment", segmentId: c.segmentId, mode: c.mode };
    }),
  };
}

export function emptyForm(ownerId: string): SegmentForm {
  return {
    key: "",
    name: "",
    description: "",
    purposeStatement: "",
    businessGoal: "",
    declaredPurposeIds: [],
    channels: [],
    definition: { uid: newUid(), type: "group", combinator: "and", children: [] },
    sensitivityOverride: "",
    refreshCadence: "",
    lookbackDays: "",
    minCohortSize: "",
    frequencyCaps: {},
    assumptions: "",
    limitations: "",
    expectedOutcomes: "",
    ownerId,
    team: "",
    tags: "",
    recertifyBy: "",
  };
}

export function formFromSegment(s: SegmentDetail): SegmentForm {
  const d = s.data;
  const caps: SegmentForm["frequencyCaps"] = {};
  for (const [ch, c] of Object.entries(d.frequencyCaps ?? {})) if (c) caps[ch as Channel] = { count: String(c.count), perDays: String(c.perDays) };
  return {
    key: d.key,
    name: d.name,
    description: d.description,
    purposeStatement: d.purposeStatement,
    businessGoal: d.businessGoal,
    declaredPurposeIds: d.declaredPurposeIds,
    channels: d.channels,
    definition: toEditorTree(d.definition as Group),
    sensitivityOverride: d.sensitivityOverride ?? "",
    refreshCadence: d.refreshCadence ?? "",
    lookbackDays: d.lookbackDays == null ? "" : String(d.lookbackDays),
    minCohortSize: d.minCohortSize == null ? "" : String(d.minCohortSize),
    frequencyCaps: caps,
    assumptions: d.rationale.assumptions,
    limitations: d.rationale.limitations,
    expectedOutcomes: d.rationale.expectedOutcomes,
    ownerId: d.ownerId,
    team: d.team,
    tags: d.tags.join(", "),
    recertifyBy: d.recertifyBy ?? "",
  };
}

/** "" stays empty (null); anything else goes to the server as a number, which says if it is wrong. */
const optionalNumber = (s: string) => (s.trim() === "" ? null : Number(s.trim()));

export function formToFields(f: SegmentForm) {
  const frequencyCaps: CreateInput["frequencyCaps"] = {};
  for (const ch of f.channels) {
    const cap = f.frequencyCaps[ch];
    if (!cap || (cap.count.trim() === "" && cap.perDays.trim() === "")) continue;
    frequencyCaps[ch] = { count: Number(cap.count.trim() || NaN), perDays: Number(cap.perDays.trim() || NaN) };
  }
  return {
    name: f.name,
    description: f.description,
    purposeStatement: f.purposeStatement,
    // An unchosen goal is sent as-is so the server answers with its own message for the field.
    businessGoal: f.businessGoal as BusinessGoal,
    declaredPurposeIds: f.declaredPurposeIds,
    channels: f.channels,
    definition: fromEditorTree(f.definition) as CreateInput["definition"],
    sensitivityOverride: f.sensitivityOverride || null,
    refreshCadence: f.refreshCadence || null,
    lookbackDays: optionalNumber(f.lookbackDays),
    minCohortSize: optionalNumber(f.minCohortSize),
    frequencyCaps,
    rationale: { assumptions: f.assumptions, limitations: f.limitations, expectedOutcomes: f.expectedOutcomes },
    ownerId: f.ownerId || undefined,
    team: f.team,
    tags: [
      ...new Set(
        f.tags
          .split(",")
          .map((t) => t.trim().toLowerCase())
          .filter(Boolean),
      ),
    ],
    recertifyBy: f.recertifyBy || null,
  } satisfies Omit<CreateInput, "key">;
}

// ---- tree edits, addressed by uid

export function updateNode(g: EditorGroup, uid: string, fn: (n: EditorNode) => EditorNode | null): EditorGroup {
  if (g.uid === uid) return (fn(g) as EditorGroup | null) ?? g;
  const children: EditorNode[] = [];
  for (const c of g.children) {
    if (c.uid === uid) {
      const next = fn(c);
      if (next) children.push(next);
    } else children.push(c.type === "group" ? updateNode(c, uid, fn) : c);
  }
  return { ...g, children };
}

export const newCondition = (): EditorCondition => ({ uid: newUid(), type: "condition", signalId: "", operator: "gte", value: null });
export const newRef = (): EditorRef => ({ uid: newUid(), type: "segment", segmentId: "", mode: "include" });
export const newGroup = (): EditorGroup => ({ uid: newUid(), type: "group", combinator: "and", children: [] });

/** Numbers conditions, segment rules and groups in reading order, for unique control names. */
export function numberNodes(root: EditorGroup): Map<string, number> {
  const counters = { condition: 0, segment: 0, group: 0 };
  const out = new Map<string, number>();
  const visit = (n: EditorNode) => {
    out.set(n.uid, ++counters[n.type]);
    if (n.type === "group") n.children.forEach(visit);
  };
  visit(root);
  return out;
}

export interface KnownSignal {
  id: string;
  name: string;
  valueType: ValueType;
  allowedValues: readonly string[];
  sensitivity: Sensitivity;
  sourceName?: string;
}
export interface KnownSegment {
  id: string;
  name: string;
  sensitivity: Sensitivity;
}
