import { LABELS, type Channel } from "@/domain/vocab";
import type { CheckKey, Finding, PolicyInput, PolicySettings, PolicySignal } from "./types";

/** A check's raw result; the engine adds its key and configured severity. */
export type Draft = Omit<Finding, "policyKey" | "severity">;
export type Check = (input: PolicyInput, settings: PolicySettings) => Draft[];

const under = (key: string, roots: string[]) => roots.some((r) => key === r || key.startsWith(`${r}.`));
const quote = (s: string) => `“${s}”`;
const signalLabel = (s: PolicySignal) => (s.via.length ? `${quote(s.name)} (through ${s.via.map(quote).join(" → ")})` : quote(s.name));
const listOf = (xs: string[]) => (xs.length <= 2 ? xs.join(" and ") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);
const ref = (s: PolicySignal) => ({ id: s.id, name: s.name });
const purposeName = (input: PolicyInput, key: string) => input.purposeNames[key] ?? key;
const basisOf = (s: PolicySignal, purposeKey: string) => s.consents.find((c) => c.purposeKey === purposeKey)?.lawfulBasis;
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

const purposeNotConsented: Check = (input) =>
  input.segment.declaredPurposeKeys.flatMap((purpose) => {
    const missing = input.signals.filter((s) => !basisOf(s, purpose));
    if (missing.length === 0) return [];
    const name = purposeName(input, purpose);
    return [
      {
        title: `Not collected for ${name.toLowerCase()}`,
        message: `This segment is for ${quote(name)}, but ${
          missing.length === input.signals.length
            ? `its input ${plural(missing.length, "signal was", "signals were")}`
            : `${missing.length} of its ${input.signals.length} input signals ${plural(missing.length, "was", "were")}`
        } not collected for that purpose: ${listOf(missing.map(signalLabel))}.`,
        remedy: `Remove ${plural(missing.length, "that signal", "those signals")} from the definition, drop ${quote(name)} from the declared purposes, or ask the data steward to record consent for it where the data is collected.`,
        signals: missing.map(ref),
        purposes: [purpose],
        channels: [],
      },
    ];
  });

const specialCategoryInMarketing: Check = (input, settings) => {
  const marketing = input.segment.declaredPurposeKeys.filter((p) => settings.marketingPurposeKeys.includes(p));
  return input.signals
    .filter((s) => under(s.categoryKey, settings.specialCategoryKeys))
    .flatMap((s) => {
      const withoutExplicit = marketing.filter((p) => basisOf(s, p) !== "consent");
      if (withoutExplicit.length === 0) return [];
      return [
        {
          title: "Special-category data in marketing",
          message: `${signalLabel(s)} is special-category data (${s.categoryKey}). It feeds ${listOf(withoutExplicit.map((p) => quote(purposeName(input, p))))} without explicit consent for that purpose.`,
          remedy: "Remove this signal, or use it only where people gave explicit consent to this marketing use.",
          signals: [ref(s)],
          purposes: withoutExplicit,
          channels: [],
        },
      ];
    });
};

const channelNeedsOptIn: Check = (input, settings) =>
  input.segment.channels.flatMap((channel) => {
    const purpose = settings.channelPurposes[channel];
    if (!purpose) return [];
    const missing = input.signals.filter((s) => !basisOf(s, purpose));
    if (missing.length === 0) return [];
    const name = purposeName(input, purpose);
    return [
      {
        title: `${LABELS.channel[channel]} needs opt-in`,
        message: `${LABELS.channel[channel]} messages need ${quote(name)} on every input, but ${listOf(missing.map(signalLabel))} ${plural(missing.length, "was", "were")} not collected for it.`,
        remedy: `Remove ${LABELS.channel[channel].toLowerCase()} as a channel, or limit the segment to inputs collected with ${name.toLowerCase()} opt-in.`,
        signals: missing.map(ref),
        purposes: [purpose],
        channels: [channel],
      },
    ];
  });

const childrensData: Check = (input, settings) => {
  const kids = input.signals.filter((s) => under(s.categoryKey, settings.childrenCategoryKeys));
  if (kids.length === 0) return [];
  return [
    {
      title: "Children’s data",
      message: `${listOf(kids.map(signalLabel))} ${plural(kids.length, "is", "are")} children’s data, which Steward never allows in marketing segments.`,
      remedy: `Remove ${plural(kids.length, "this signal", "these signals")} from the definition.`,
      signals: kids.map(ref),
      purposes: [],
      channels: [],
    },
  ];
};

const undocumented: Check = (input) => {
  const s = input.segment;
  const missing = [
    !s.purposeStatement.trim() && "a purpose statement",
    !s.rationale.assumptions.trim() && "assumptions",
    !s.rationale.limitations.trim() && "limitations",
    !s.rationale.expectedOutcomes.trim() && "expected outcomes",
    !s.ownerId && "an owner",
    !s.refreshCadence && "a refresh cadence",
  ].filter((x): x is string => Boolean(x));
  if (missing.length === 0) return [];
  return [
    {
      title: "Not fully documented",
      message: `Before it can be submitted, this segment needs ${listOf(missing)}.`,
      remedy: "Edit the segment and fill in the missing fields.",
      signals: [],
      purposes: [],
      channels: [],
    },
  ];
};

const retentionShorterThanLookback: Check = (input) => {
  const lookback = input.segment.lookbackDays;
  if (!lookback) return [];
  const short = input.signals.filter((s) => s.retentionDays < lookback);
  if (short.length === 0) return [];
  return [
    {
      title: "Data kept for less than the lookback",
      message: `The segment looks back ${lookback} days, but ${listOf(short.map((s) => `${signalLabel(s)} (kept ${s.retentionDays} days)`))} ${plural(short.length, "is", "are")} deleted sooner, so older behaviour silently drops out.`,
      remedy: `Shorten the lookback to ${Math.min(...short.map((s) => s.retentionDays))} days or less, or use signals kept longer.`,
      signals: short.map(ref),
      purposes: [],
      channels: [],
    },
  ];
};

const lowFidelityPrecision: Check = (input, settings) => {
  const oneToOne = input.segment.channels.filter((c) => settings.oneToOneChannels.includes(c));
  if (oneToOne.length === 0 || input.signals.length === 0) return [];
  if (!input.signals.every((s) => s.fidelity === "inferred")) return [];
  return [
    {
      title: "Precise targeting on guesses",
      message: `${listOf(oneToOne.map((c) => LABELS.channel[c]))} reach${oneToOne.length === 1 ? "es" : ""} people one by one, but every input is inferred, so many people will be targeted on a wrong guess.`,
      remedy: "Add at least one confirmed, observed or derived signal, or use a broader channel (web, display, paid social).",
      signals: input.signals.map(ref),
      purposes: [],
      channels: oneToOne,
    },
  ];
};

const cohortBelowMinimum: Check = (input, settings) => {
  const size = input.segment.minCohortSize;
  if (size !== null && size >= settings.minCohortSize) return [];
  return [
    {
      title: "Cohort too small to report",
      message:
        size === null
          ? `No minimum reportable cohort is set; the policy minimum is ${settings.minCohortSize} people.`
          : `The minimum reportable cohort is ${size}, below the policy minimum of ${settings.minCohortSize} people: small groups can identify individuals.`,
      remedy: `Set the minimum reportable cohort to at least ${settings.minCohortSize}.`,
      signals: [],
      purposes: [],
      channels: [],
    },
  ];
};

const legitimateInterestProfilingEu: Check = (input, settings) => {
  const profiling = input.segment.declaredPurposeKeys.filter((p) => settings.profilingPurposeKeys.includes(p));
  return profiling.flatMap((purpose) => {
    const hits = input.signals.filter(
      (s) =>
        s.jurisdictions.some((j) => settings.euJurisdictions.includes(j)) &&
        basisOf(s, purpose) === "legitimate_interest" &&
        (s.kind === "behavioural" || s.fidelity === "inferred" || s.fidelity === "derived"),
    );
    if (hits.length === 0) return [];
    const name = purposeName(input, purpose);
    return [
      {
        title: "Profiling EU data under legitimate interest",
        message: `${listOf(hits.map(signalLabel))} ${plural(hits.length, "comes", "come")} from the EU and ${plural(hits.length, "is", "are")} used to profile people for ${quote(name)} under legitimate interest. EU regulators expect a documented balancing test, and often consent.`,
        remedy: "Record a legitimate-interest assessment in the rationale, or use inputs collected with consent.",
        signals: hits.map(ref),
        purposes: [purpose],
        channels: [],
      },
    ];
  });
};

const missingFrequencyCap: Check = (input) => {
  const uncapped = input.segment.channels.filter((c) => (c === "push" || c === "sms") && !input.segment.frequencyCaps[c]);
  if (uncapped.length === 0) return [];
  return [
    {
      title: "No frequency cap",
      message: `${listOf(uncapped.map((c) => LABELS.channel[c]))} ${plural(uncapped.length, "has", "have")} no frequency cap, so people could be messaged without limit.`,
      remedy: "Set a cap, for example 2 messages per 7 days.",
      signals: [],
      purposes: [],
      channels: uncapped as Channel[],
    },
  ];
};

const consentChangedUpstream: Check = (input) => {
  const approvedAt = input.segment.approvedAt;
  if (!approvedAt) return [];
  const changed = input.signals.filter((s) => s.consentChangedAt && s.consentChangedAt > approvedAt);
  if (changed.length === 0) return [];
  return [
    {
      title: "Consent changed upstream",
      message: `The consent behind ${listOf(changed.map(signalLabel))} changed after this segment was approved.`,
      remedy: "Submit the segment for review again; it stays blocked until it is re-approved.",
      signals: changed.map(ref),
      purposes: [],
      channels: [],
    },
  ];
};

export const CHECKS: Record<CheckKey, Check> = {
  purpose_not_consented: purposeNotConsented,
  special_category_in_marketing: specialCategoryInMarketing,
  channel_needs_opt_in: channelNeedsOptIn,
  childrens_data: childrensData,
  undocumented,
  retention_shorter_than_lookback: retentionShorterThanLookback,
  low_fidelity_precision: lowFidelityPrecision,
  cohort_below_minimum: cohortBelowMinimum,
  legitimate_interest_profiling_eu: legitimateInterestProfilingEu,
  missing_frequency_cap: missingFrequencyCap,
  consent_changed_upstream: consentChangedUpstream,
};
