import { formatDate } from "@/domain/dates";
import { definitionSentence, type Group, type SignalInfo } from "@/domain/segment-definition";
import { LABELS, type Channel } from "@/domain/vocab";
import type { StoredVersionFields } from "@/server/modules/policy/inputs";
import type { SegmentVersionData } from "@/domain/segment-version";

/** What a version stores (domain/segment-version.ts). */
export type VersionData = SegmentVersionData;
/** The policy module reads stored versions through its own narrower type: this stops compiling if a version ever stops carrying what the checks read. */
export type VersionFitsPolicy<T extends StoredVersionFields = VersionData> = T;

export interface Lookups {
  signals: Map<string, SignalInfo>;
  segmentNames: Map<string, string>;
  purposeNames: Map<string, string>;
  userNames: Map<string, string>;
}

const none = "—";
const joinOr = (xs: string[]) => (xs.length ? xs.join(", ") : none);

/** A version as labelled, human-readable fields: what the history tab and the diff show. */
export function versionView(d: VersionData, l: Lookups): Array<{ field: string; label: string; value: string }> {
  const caps = Object.entries(d.frequencyCaps ?? {})
    .map(([ch, c]) => `${LABELS.channel[ch as Channel]}: ${c!.count} per ${c!.perDays} day${c!.perDays === 1 ? "" : "s"}`)
    .sort();
  const rows: Array<[string, string, string]> = [
    ["name", "Name", d.name],
    ["key", "Key", d.key],
    ["description", "Description", d.description || none],
    ["purposeStatement", "Purpose statement", d.purposeStatement || none],
    ["businessGoal", "Business goal", LABELS.goal[d.businessGoal]],
    ["declaredPurposeIds", "Declared purposes", joinOr(d.declaredPurposeIds.map((id) => l.purposeNames.get(id) ?? "unknown purpose").sort())],
    ["channels", "Channels", joinOr(d.channels.map((c) => LABELS.channel[c]))],
    ["definition", "Definition", definitionSentence(d.definition as Group, l.signals, l.segmentNames)],
    ["sensitivityOverride", "Raised sensitivity", d.sensitivityOverride ? LABELS.sensitivity[d.sensitivityOverride] : none],
    ["refreshCadence", "Refresh cadence", d.refreshCadence ? LABELS.cadence[d.refreshCadence] : none],
    ["lookbackDays", "Lookback window", d.lookbackDays ? `${d.lookbackDays} days` : none],
    ["minCohortSize", "Minimum reportable cohort", d.minCohortSize ? String(d.minCohortSize) : none],
    ["frequencyCaps", "Frequency caps", joinOr(caps)],
    ["rationale.assumptions", "Assumptions", d.rationale.assumptions || none],
    ["rationale.limitations", "Limitations", d.rationale.limitations || none],
    ["rationale.expectedOutcomes", "Expected outcomes", d.rationale.expectedOutcomes || none],
    ["ownerId", "Owner", l.userNames.get(d.ownerId) ?? "unknown user"],
    ["team", "Team", d.team || none],
    ["tags", "Tags", joinOr(d.tags)],
    ["recertifyBy", "Re-certify by", d.recertifyBy ? formatDate(d.recertifyBy) : none],
  ];
  return rows.map(([field, label, value]) => ({ field, label, value }));
}

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

export function diffViews(a: ReturnType<typeof versionView>, b: ReturnType<typeof versionView>): FieldChange[] {
  const before = new Map(a.map((r) => [r.field, r.value]));
  return b.filter((r) => before.get(r.field) !== r.value).map((r) => ({ field: r.field, label: r.label, before: before.get(r.field) ?? none, after: r.value }));
}
