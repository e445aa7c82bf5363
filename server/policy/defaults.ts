import { DEFAULT_SPIKE_MULTIPLE } from "@/domain/withdrawal-spike";
import type { PolicySettings } from "./types";

/** The first set of checks with PRODUCT.md's defaults; privacy officers tune them. */
export const DEFAULT_POLICY_SETTINGS: PolicySettings = {
  checks: {
    purpose_not_consented: { enabled: true, severity: "block" },
    special_category_in_marketing: { enabled: true, severity: "block" },
    channel_needs_opt_in: { enabled: true, severity: "block" },
    childrens_data: { enabled: true, severity: "block" },
    undocumented: { enabled: true, severity: "block" },
    retention_shorter_than_lookback: { enabled: true, severity: "warn" },
    low_fidelity_precision: { enabled: true, severity: "warn" },
    cohort_below_minimum: { enabled: true, severity: "block" },
    legitimate_interest_profiling_eu: { enabled: true, severity: "warn" },
    missing_frequency_cap: { enabled: true, severity: "warn" },
    consent_changed_upstream: { enabled: true, severity: "block" },
  },
  minCohortSize: 50,
  recertificationDays: 180,
  channelPurposes: { email: "marketing.email", sms: "marketing.sms", push: "marketing.push" },
  specialCategoryKeys: [
    "user.health",
    "user.biometrics",
    "user.demographic.race_ethnicity",
    "user.demographic.political_opinion",
    "user.demographic.religious_belief",
    "user.demographic.sexual_orientation",
    "user.demographic.union_membership",
    "user.children",
    "user.location.precise",
  ],
  childrenCategoryKeys: ["user.children"],
  marketingPurposeKeys: [
    "marketing.email",
    "marketing.sms",
    "marketing.push",
    "advertising.cross_context",
    "tcf.limited_data_ads",
    "tcf.create_ad_profiles",
    "tcf.use_ad_profiles",
    "tcf.create_content_profiles",
    "tcf.use_content_profiles",
  ],
  profilingPurposeKeys: ["marketing.email", "advertising.cross_context", "tcf.create_ad_profiles", "tcf.use_ad_profiles", "tcf.create_content_profiles", "tcf.use_content_profiles"],
  oneToOneChannels: ["email", "sms", "push", "call_centre"],
  euJurisdictions: ["EU"],
  withdrawalSpikeMultiple: DEFAULT_SPIKE_MULTIPLE,
  // One release a week fits a month's budget.
  differentialPrivacy: { defaultOn: false, monthlyBudget: 4, epsilonPerRelease: 1 },
};
