import type { CheckKey, Severity } from "@/server/policy/types";

/** What each check is called in the UI. */
export const CHECK_NAMES: Record<CheckKey, string> = {
  purpose_not_consented: "Purpose not consented",
  special_category_in_marketing: "Special category in marketing",
  channel_needs_opt_in: "Channel needs opt-in",
  childrens_data: "Children’s data",
  undocumented: "Undocumented",
  retention_shorter_than_lookback: "Retention shorter than lookback",
  low_fidelity_precision: "Low-fidelity precision",
  cohort_below_minimum: "Cohort below minimum",
  legitimate_interest_profiling_eu: "Legitimate interest for profiling in the EU",
  missing_frequency_cap: "Missing frequency cap",
  consent_changed_upstream: "Consent changed upstream",
};

/** When each check fires, in words a marketer understands. */
export const CHECK_DESCRIPTIONS: Record<CheckKey, string> = {
  purpose_not_consented: "A purpose the segment declares is missing from the collection purposes of one of its input signals, directly or through a parent segment.",
  special_category_in_marketing: "A special-category signal (see the list below) feeds a marketing purpose without explicit consent as its lawful basis.",
  channel_needs_opt_in: "The segment uses email, SMS or push, but the channel’s consent purpose (mapped below) is not recorded on every input.",
  childrens_data: "Any input signal is children’s data (see the list below).",
  undocumented: "The purpose statement, the rationale (assumptions, limitations, expected outcomes), the owner or the refresh cadence is missing. Checked on submit.",
  retention_shorter_than_lookback: "An input signal is kept for less time than the segment looks back, so older behaviour silently drops out.",
  low_fidelity_precision: "A one-to-one channel relies only on inferred signals; a broader cohort is safer.",
  cohort_below_minimum: "The segment’s minimum reportable cohort is below the policy minimum set below.",
  legitimate_interest_profiling_eu: "An input from an EU jurisdiction is used for a profiling purpose under legitimate interest.",
  missing_frequency_cap: "A push or SMS channel has no frequency cap.",
  consent_changed_upstream: "An input’s collection purposes changed after the segment was approved; it stays blocked until it is re-approved.",
};

export const SEVERITY_LABELS: Record<Severity, string> = { block: "Blocks", warn: "Warning" };

export const checkName = (key: string) => CHECK_NAMES[key as CheckKey] ?? key;
