/**
 * The catalog's controlled vocabularies with their labels. Pure, so forms, filters and the
 * server share one list.
 */
export const SYSTEM_TYPES = ["crm", "web_analytics", "email_service", "consent_platform", "point_of_sale", "survey_tool", "warehouse", "mobile_app", "other"] as const;
export const CAPTURE_POINTS = ["onboarding", "checkout", "preference_centre", "service_update", "promotional_trial"] as const;
export const SIGNAL_KINDS = ["behavioural", "declared", "contextual", "transactional"] as const;
export const FIDELITIES = ["confirmed", "observed", "derived", "inferred"] as const;
export const IDENTIFIABILITIES = ["identified", "pseudonymous", "aggregated"] as const;
export const VALUE_TYPES = ["number", "boolean", "timestamp", "category", "list"] as const;
export const SEGMENT_STATUSES = ["draft", "in_review", "approved", "active", "paused", "retired"] as const;
export const BUSINESS_GOALS = ["acquisition", "activation", "retention", "reactivation"] as const;
export const CHANNELS = ["email", "web", "mobile_app", "push", "sms", "paid_social", "display", "call_centre"] as const;
export const REFRESH_CADENCES = ["real_time", "hourly", "daily", "weekly", "monthly"] as const;
export const SENSITIVITIES = ["public", "internal", "confidential", "restricted"] as const;
export const LAWFUL_BASES = ["consent", "legitimate_interest", "contract", "legal_obligation"] as const;
export const JURISDICTIONS = ["EU", "UK", "US", "US-CA", "US-VA", "US-CO", "CA", "CH", "AU", "BR"] as const;

export type SystemType = (typeof SYSTEM_TYPES)[number];
export type CapturePoint = (typeof CAPTURE_POINTS)[number];
export type SignalKind = (typeof SIGNAL_KINDS)[number];
export type Fidelity = (typeof FIDELITIES)[number];
export type Identifiability = (typeof IDENTIFIABILITIES)[number];
export type ValueType = (typeof VALUE_TYPES)[number];
export type SegmentStatus = (typeof SEGMENT_STATUSES)[number];
export type BusinessGoal = (typeof BUSINESS_GOALS)[number];
export type Channel = (typeof CHANNELS)[number];
export type RefreshCadence = (typeof REFRESH_CADENCES)[number];
export type Sensitivity = (typeof SENSITIVITIES)[number];
export type LawfulBasis = (typeof LAWFUL_BASES)[number];

export const LABELS = {
  systemType: {
    crm: "CRM",
    web_analytics: "Web analytics",
    email_service: "Email service",
    consent_platform: "Consent management platform",
    point_of_sale: "Point of sale",
    survey_tool: "Survey tool",
    warehouse: "Warehouse table",
    mobile_app: "Mobile app",
    other: "Other",
  } satisfies Record<SystemType, string>,
  capturePoint: {
    onboarding: "Onboarding",
    checkout: "Checkout",
    preference_centre: "Preference centre",
    service_update: "Service update",
    promotional_trial: "Promotional trial",
  } satisfies Record<CapturePoint, string>,
  kind: { behavioural: "Behavioural", declared: "Declared", contextual: "Contextual", transactional: "Transactional" } satisfies Record<SignalKind, string>,
  fidelity: { confirmed: "Confirmed", observed: "Observed", derived: "Derived", inferred: "Inferred" } satisfies Record<Fidelity, string>,
  identifiability: { identified: "Identified", pseudonymous: "Pseudonymous", aggregated: "Aggregated" } satisfies Record<Identifiability, string>,
  valueType: { number: "Number", boolean: "Yes / no", timestamp: "Date and time", category: "One of a list", list: "Several of a list" } satisfies Record<ValueType, string>,
  status: { draft: "Draft", in_review: "In review", approved: "Approved", active: "Active", paused: "Paused", retired: "Retired" } satisfies Record<SegmentStatus, string>,
  goal: { acquisition: "Acquisition", activation: "Activation", retention: "Retention", reactivation: "Reactivation" } satisfies Record<BusinessGoal, string>,
  channel: {
    email: "Email",
    web: "Web",
    mobile_app: "Mobile app",
    push: "Push",
    sms: "SMS",
    paid_social: "Paid social",
    display: "Display",
    call_centre: "Call centre",
  } satisfies Record<Channel, string>,
  cadence: { real_time: "Real time", hourly: "Hourly", daily: "Daily", weekly: "Weekly", monthly: "Monthly" } satisfies Record<RefreshCadence, string>,
  sensitivity: { public: "Public", internal: "Internal", confidential: "Confidential", restricted: "Restricted" } satisfies Record<Sensitivity, string>,
  lawfulBasis: {
    consent: "Consent",
    legitimate_interest: "Legitimate interest",
    contract: "Contract",
    legal_obligation: "Legal obligation",
  } satisfies Record<LawfulBasis, string>,
};

export function maxSensitivity(values: Iterable<Sensitivity>, floor: Sensitivity = "public"): Sensitivity {
  let best = SENSITIVITIES.indexOf(floor);
  for (const v of values) best = Math.max(best, SENSITIVITIES.indexOf(v));
  return SENSITIVITIES[best]!;
}

export const sensitivityRank = (s: Sensitivity) => SENSITIVITIES.indexOf(s);
