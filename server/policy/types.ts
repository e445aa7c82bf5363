import type { Channel, Fidelity, LawfulBasis, SignalKind } from "@/domain/vocab";

/** Everything the engine needs to judge one segment version; built by the caller, no I/O here. */
export interface PolicySegment {
  id: string;
  name: string;
  declaredPurposeKeys: string[];
  channels: Channel[];
  purposeStatement: string;
  rationale: { assumptions: string; limitations: string; expectedOutcomes: string };
  ownerId: string | null;
  refreshCadence: string | null;
  lookbackDays: number | null;
  minCohortSize: number | null;
  frequencyCaps: Partial<Record<Channel, { count: number; perDays: number }>>;
  /** When the version in force was approved; null while never approved. */
  approvedAt: Date | null;
}

export interface PolicySignal {
  id: string;
  name: string;
  categoryKey: string;
  kind: SignalKind;
  fidelity: Fidelity;
  retentionDays: number;
  jurisdictions: string[];
  consents: Array<{ purposeKey: string; lawfulBasis: LawfulBasis }>;
  /** When its collection purposes last changed. */
  consentChangedAt: Date | null;
  /** Names of the parent segments it reaches this segment through; empty when direct. */
  via: string[];
}

export interface PolicyInput {
  segment: PolicySegment;
  /** Every input signal, directly and through parent segments. */
  signals: PolicySignal[];
  /** Display names of consent purposes, by key. */
  purposeNames: Record<string, string>;
}

export const CHECK_KEYS = [
  "purpose_not_consented",
  "special_category_in_marketing",
  "channel_needs_opt_in",
  "childrens_data",
  "undocumented",
  "retention_shorter_than_lookback",
  "low_fidelity_precision",
  "cohort_below_minimum",
  "legitimate_interest_profiling_eu",
  "missing_frequency_cap",
  "consent_changed_upstream",
] as const;
export type CheckKey = (typeof CHECK_KEYS)[number];
/** A blocking finding stops approval until fixed or waived; a warning is shown only. */
export const SEVERITIES = ["block", "warn"] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface PolicySettings {
  checks: Record<CheckKey, { enabled: boolean; severity: Severity }>;
  /** Policy minimum for a segment's minimum reportable cohort. */
  minCohortSize: number;
  recertificationDays: number;
  /** The consent purpose each opt-in channel needs on every input. */
  channelPurposes: Partial<Record<Channel, string>>;
  /** Data category keys (and everything under them) that are special categories. */
  specialCategoryKeys: string[];
  childrenCategoryKeys: string[];
  /** Purposes that count as marketing (for the special-category check). */
  marketingPurposeKeys: string[];
  /** Purposes that profile people (for the legitimate-interest check). */
  profilingPurposeKeys: string[];
  /** Channels that reach one person at a time. */
  oneToOneChannels: Channel[];
  /** Jurisdictions where profiling under legitimate interest needs care. */
  euJurisdictions: string[];
  /** A purpose's weekly withdrawal rate above this multiple of its 8-week baseline alerts privacy officers. */
  withdrawalSpikeMultiple: number;
  /** Differential privacy for outcome reports (privacy rule 4): the default for segments, and its budget. */
  differentialPrivacy: DifferentialPrivacySettings;
}

export interface DifferentialPrivacySettings {
  /** Segments without their own choice report with noise. Off by default: privacy officers turn it on. */
  defaultOn: boolean;
  /** Epsilon each segment may spend per calendar month (UTC). */
  monthlyBudget: number;
  /** Epsilon one release of a report spends, split over the counts a person can appear in. */
  epsilonPerRelease: number;
}

export interface Finding {
  policyKey: CheckKey;
  severity: Severity;
  title: string;
  message: string;
  remedy: string;
  signals: Array<{ id: string; name: string }>;
  purposes: string[];
  channels: Channel[];
}
