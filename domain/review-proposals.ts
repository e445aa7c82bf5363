import { z } from "zod";
import { textField } from "./text";
import { CHANNELS, JURISDICTIONS, LABELS, LAWFUL_BASES, SYSTEM_TYPES, type Channel, type Sensitivity } from "./vocab";

/**
 * What each kind of review other than a segment approval proposes, pure: one strict zod schema
 * per type (shared by the forms and the server), what a request of that type is about, and the
 * rows the review page shows of what is proposed against what is in force.
 */

/** Why the review is asked for: every request carries one (segment submissions too). */
export const requestJustification = textField(4000).min(10, "Explain why (at least 10 characters).");

const purposeKeys = z.array(textField(100).min(1)).max(30, "Choose at most 30 purposes.");

export const dataUsePayload = z.strictObject({
  purposeKeys: purposeKeys.min(1, "Choose at least one purpose the data would be used for."),
  channels: z.array(z.enum(CHANNELS)).max(CHANNELS.length).default([]),
  description: textField(2000).min(10, "Describe the new use (at least 10 characters)."),
});

const newSourceFields = {
  name: textField(200).min(2, "Name the source."),
  systemType: z.enum(SYSTEM_TYPES, "Choose the kind of system."),
  collects: textField(2000).min(10, "Say what it collects (at least 10 characters)."),
  jurisdictions: z.array(z.enum(JURISDICTIONS)).min(1, "Choose at least one jurisdiction.").max(JURISDICTIONS.length),
  lawfulBasis: z.enum(LAWFUL_BASES, "Choose the lawful basis."),
  consent: textField(2000).default(""),
};
// Under consent, reviewers need to know where and how it is asked for.
const consentDescribed: [(p: { lawfulBasis: string; consent: string }) => boolean, { path: string[]; message: string }] = [
  (p) => p.lawfulBasis !== "consent" || p.consent.length >= 10,
  { path: ["consent"], message: "Say where and how consent is captured (at least 10 characters)." },
];
export const newSourcePayload = z.strictObject(newSourceFields).refine(...consentDescribed);

export const algorithmChangePayload = z.strictObject({
  change: textField(4000).min(10, "Describe what changes in how the segment is computed (at least 10 characters)."),
  expectedEffect: textField(2000).default(""),
});

export const CHANNEL_RULE_KINDS = ["frequency_cap", "min_cohort", "allowed_purposes"] as const;
export type ChannelRuleKind = (typeof CHANNEL_RULE_KINDS)[number];
export const CHANNEL_RULE_LABELS: Record<ChannelRuleKind, string> = {
  frequency_cap: "Frequency cap",
  min_cohort: "Minimum cohort size",
  allowed_purposes: "Allowed purposes",
};

const wholeNumber = (min: number, max: number, what: string) =>
  z
    .number(`Enter ${what}.`)
    .int(`Enter ${what} as a whole number.`)
    .min(min, `${what[0]!.toUpperCase()}${what.slice(1)} must be at least ${min}.`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} must be at most ${max}.`);

export const channelRule = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("frequency_cap"), count: wholeNumber(1, 100, "a number of messages"), perDays: wholeNumber(1, 365, "a number of days") }),
  z.strictObject({ kind: z.literal("min_cohort"), size: wholeNumber(1, 1_000_000, "a cohort size") }),
  z.strictObject({ kind: z.literal("allowed_purposes"), purposeKeys: purposeKeys.min(1, "Choose at least one purpose.") }),
]);
export type ChannelRule = z.infer<typeof channelRule>;

export const channelRulePayload = z.strictObject({ channel: z.enum(CHANNELS, "Choose a channel."), rule: channelRule });

export type DataUsePayload = z.infer<typeof dataUsePayload>;
export type NewSourcePayload = z.infer<typeof newSourcePayload>;
export type AlgorithmChangePayload = z.infer<typeof algorithmChangePayload>;
export type ChannelRulePayload = z.infer<typeof channelRulePayload>;

/** A request's payload as stored (review_requests.payload): the proposal, tagged with its type. */
export const reviewPayload = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("data_use"), ...dataUsePayload.shape }),
  z.strictObject({ type: z.literal("new_source"), ...newSourceFields }).refine(...consentDescribed),
  z.strictObject({ type: z.literal("algorithm_change"), ...algorithmChangePayload.shape }),
  z.strictObject({ type: z.literal("channel_rule"), ...channelRulePayload.shape }),
]);
export type ReviewPayload = z.infer<typeof reviewPayload>;
export type ProposalType = ReviewPayload["type"];

/**
 * Who reviews a proposal with no catalog row behind it: a new source may bring any personal
 * data, and a channel rule changes policy, so a privacy officer approves too (review-rules).
 */
export const PROPOSAL_SENSITIVITY: Sensitivity = "confidential";

/**
 * A request pinned to a version (a segment's, the policy's) can be approved only while that
 * version is still the one in question; otherwise the reviewer would approve against a stale
 * picture. Null when the pin holds.
 */
export function stalePin(subjectType: string, pinned: number | null, current: number | null): string | null {
  if (pinned === null || current === null || pinned === current) return null;
  if (subjectType === "segment")
    return `The segment has changed since this request was made: version ${current} is now the latest, and this request is about version ${pinned}. Ask again about the new version.`;
  if (subjectType === "policy")
    return `The policy has changed since this request was made: version ${current} is in force, and this request was made against version ${pinned}. Ask again against the policy in force.`;
  return null;
}

/** One row of the review page's "proposed against in force" table. */
export interface ProposalRow {
  field: string;
  label: string;
  inForce: string;
  proposed: string;
}

/** What was in force for the subject when the request was made, as review_requests.subject_snapshot keeps it. */
export interface InForce {
  /** Purposes a signal (or a source's signals) were collected for. */
  purposeKeys?: string[];
  /** The segment version's computation, in words (algorithm changes). */
  computation?: Array<{ label: string; value: string }>;
  /** The channel's settings in the policy (channel rules). */
  channel?: { requiredPurposeKey: string | null; minCohortSize: number };
}

const none = "—";
const cap = (c: number, d: number) => `${c} per ${d} day${d === 1 ? "" : "s"}`;

/**
 * The proposal against what is in force, row by row, in words. `purposeName` turns a purpose
 * key into its name (a retired or unknown key is shown as is).
 */
export function proposalRows(payload: ReviewPayload, inForce: InForce | null, purposeName: (key: string) => string): ProposalRow[] {
  const names = (keys: readonly string[] | undefined) => (keys && keys.length ? keys.map(purposeName).join(", ") : none);
  switch (payload.type) {
    case "data_use": {
      const held = new Set(inForce?.purposeKeys ?? []);
      const added = payload.purposeKeys.filter((k) => !held.has(k));
      return [
        // A data use adds to what the data may be used for; nothing held is taken away.
        { field: "purposes", label: "Purposes", inForce: names(inForce?.purposeKeys), proposed: names([...held, ...added]) },
        { field: "newPurposes", label: "Purposes not collected for", inForce: none, proposed: added.length ? names(added) : "None: every purpose asked for is already collected for" },
        { field: "channels", label: "Channels", inForce: none, proposed: payload.channels.length ? payload.channels.map((c) => LABELS.channel[c]).join(", ") : none },
        { field: "description", label: "Use described", inForce: none, proposed: payload.description },
      ];
    }
    case "new_source": {
      const p = payload;
      return [
        { field: "name", label: "Name", inForce: "Not in the catalog", proposed: p.name },
        { field: "systemType", label: "Kind of system", inForce: none, proposed: LABELS.systemType[p.systemType] },
        { field: "collects", label: "What it collects", inForce: none, proposed: p.collects },
        { field: "jurisdictions", label: "Jurisdictions", inForce: none, proposed: p.jurisdictions.join(", ") },
        { field: "lawfulBasis", label: "Lawful basis", inForce: none, proposed: LABELS.lawfulBasis[p.lawfulBasis] },
        { field: "consent", label: "Consent capture", inForce: none, proposed: p.consent || none },
      ];
    }
    case "algorithm_change":
      return [
        {
          field: "computation",
          label: "How it is computed",
          inForce: inForce?.computation?.length ? inForce.computation.map((c) => `${c.label}: ${c.value}`).join("\n") : none,
          proposed: payload.change,
        },
        { field: "expectedEffect", label: "Expected effect", inForce: none, proposed: payload.expectedEffect || none },
      ];
    case "channel_rule":
      return [channelRuleRow(payload.channel, payload.rule, inForce?.channel ?? null, names)];
  }
}

function channelRuleRow(channel: Channel, rule: ChannelRule, now: InForce["channel"] | null, names: (keys: readonly string[] | undefined) => string): ProposalRow {
  const label = `${LABELS.channel[channel]}: ${CHANNEL_RULE_LABELS[rule.kind].toLowerCase()}`;
  switch (rule.kind) {
    case "frequency_cap":
      // The policy has no channel-wide cap: each segment sets its own.
      return { field: "frequencyCap", label, inForce: "None channel-wide (each segment sets its own)", proposed: cap(rule.count, rule.perDays) };
    case "min_cohort":
      return { field: "minCohort", label, inForce: now ? `${now.minCohortSize} (the policy minimum for every channel)` : none, proposed: String(rule.size) };
    case "allowed_purposes":
      return {
        field: "allowedPurposes",
        label,
        inForce: now?.requiredPurposeKey ? `Any purpose; inputs need opt-in for ${names([now.requiredPurposeKey])}` : "Any purpose",
        proposed: `Only ${names(rule.purposeKeys)}`,
      };
  }
}

/** A short name for a request's subject when it has no catalog row: "Email: frequency cap". */
export function channelRuleLabel(p: ChannelRulePayload): string {
  return `${LABELS.channel[p.channel]}: ${CHANNEL_RULE_LABELS[p.rule.kind].toLowerCase()}`;
}

/**
 * What approving does, said on the review page: it records the decision only. Applying a
 * proposal changes consent, the catalog or the policy, each of which has its own audited form
 * and re-evaluates what depends on it, so a person does it there with the approval in hand.
 */
export const AFTER_APPROVAL: Record<ProposalType, string> = {
  data_use:
    "Approving records the decision; it does not change what the data was collected for. A data steward then adds the purposes to the signals' consents, which re-checks every segment that uses them.",
  new_source: "Approving records the decision; the source is not added to the catalog by itself. A data steward then registers it under Sources, with its signals.",
  algorithm_change: "Approving records the decision; the segment keeps its status. The change is made as a new version of the segment, which goes through its own approval.",
  channel_rule: "Approving records the decision; the policy in force does not change by itself. A privacy officer then sets the rule in Policies, which re-checks every segment.",
};

export const PROPOSAL_TITLES: Record<ProposalType, string> = {
  data_use: "Proposed use of the data",
  new_source: "Proposed source",
  algorithm_change: "Proposed change to how the segment is computed",
  channel_rule: "Proposed channel rule",
};
