import { formatDate } from "./dates";
import { recertificationOverdue } from "./recertification";
import { NOT_RUNNING_REASON, runsDownstream } from "./segment-lifecycle";
import { LABELS, type Channel, type SegmentStatus } from "./vocab";

/**
 * The activation gate, pure: may this segment run on this channel (for this purpose) now? Data
 * in, decision out, no I/O. The server loads the facts (server/modules/activation) and answers
 * `GET /api/v1/segments/{key}/decision`, `POST /api/v1/decisions` and the segment page's card
 * with this one function, so the API and the UI cannot disagree.
 */

/** Stable reason codes: clients may branch on them; the messages are for people. */
export const DECISION_REASON_CODES = [
  "segment_unknown",
  "segment_not_active",
  "channel_not_declared",
  "purpose_not_declared",
  "blocking_finding",
  "consent_changed_upstream",
  "recertification_overdue",
] as const;
export type DecisionReasonCode = (typeof DECISION_REASON_CODES)[number];
export interface DecisionReason {
  code: DecisionReasonCode;
  message: string;
}

/** One blocking finding of the version in force, with the unrevoked exception covering it, if any. */
export interface GateFinding {
  policyKey: string;
  title: string;
  /** Expiry of the unrevoked exception that waives it (the latest, if several); null when none. */
  exceptionExpiresAt: Date | null;
}

/** What the gate needs to know about one segment, all read in one snapshot. */
export interface ActivationFacts {
  status: SegmentStatus;
  /** Channels declared by the version in force (the head's while none is approved). */
  channels: readonly Channel[];
  /** Keys of the consent purposes declared by that version. */
  purposeKeys: readonly string[];
  /** Blocking findings of the version in force ("consent changed upstream" included or not: it is reported once either way). */
  blockingFindings: readonly GateFinding[];
  /** An input's consent changed after approval and the segment has not been re-approved since. */
  consentChangedUpstream: boolean;
  /** Re-certification day (YYYY-MM-DD), or null when none is set. */
  recertifyBy: string | null;
}

export interface ActivationAsk {
  channel: Channel;
  /** A consent purpose key; already known to exist (the server refuses unknown ones with a 400). */
  purpose?: string | null;
}

export interface ActivationDecision {
  allowed: boolean;
  reasons: DecisionReason[];
}

const CONSENT_CHANGED = "consent_changed_upstream";

/** An exception waives a finding while its expiry is still ahead of `now` (as server/modules/policy/exception-cover.ts decides). */
export const exceptionCoversAt = (expiresAt: Date | null, now: Date): boolean => expiresAt !== null && expiresAt > now;

const channelList = (channels: readonly Channel[]) => (channels.length ? channels.map((c) => LABELS.channel[c]).join(", ") : "none");

/**
 * Allowed only when every condition holds: the segment runs (the lifecycle table's running
 * status), the channel and any named purpose are declared, no blocking finding of the version in
 * force stands without an unexpired exception, consent has not changed upstream since approval,
 * and re-certification is not overdue. Every failed condition is a reason; several may apply.
 */
export function decideActivation(facts: ActivationFacts, ask: ActivationAsk, now: Date): ActivationDecision {
  const reasons: DecisionReason[] = [];
  if (!runsDownstream(facts.status)) reasons.push({ code: "segment_not_active", message: NOT_RUNNING_REASON[facts.status]! });
  if (!facts.channels.includes(ask.channel)) {
    reasons.push({ code: "channel_not_declared", message: `${LABELS.channel[ask.channel]} is not one of the segment's declared channels (${channelList(facts.channels)}).` });
  }
  if (ask.purpose && !facts.purposeKeys.includes(ask.purpose)) {
    reasons.push({ code: "purpose_not_declared", message: `The purpose ${ask.purpose} is not among the segment's declared purposes.` });
  }
  for (const f of facts.blockingFindings) {
    if (f.policyKey === CONSENT_CHANGED || exceptionCoversAt(f.exceptionExpiresAt, now)) continue;
    const expired = f.exceptionExpiresAt ? `; its exception expired on ${formatDate(f.exceptionExpiresAt)}` : "";
    reasons.push({ code: "blocking_finding", message: `Blocking finding: ${f.title}${expired}.` });
  }
  if (facts.consentChangedUpstream || facts.blockingFindings.some((f) => f.policyKey === CONSENT_CHANGED)) {
    reasons.push({ code: "consent_changed_upstream", message: "Consent changed upstream after the segment was approved; it stays blocked until it is re-approved." });
  }
  if (recertificationOverdue(facts.recertifyBy, now)) {
    reasons.push({ code: "recertification_overdue", message: `Re-certification overdue since ${formatDate(facts.recertifyBy)}.` });
  }
  return { allowed: reasons.length === 0, reasons };
}

/** The answer for a segment key nothing is known under (in a batch; a single ask gets a 404). */
export const unknownSegmentDecision = (key: string): ActivationDecision => ({
  allowed: false,
  reasons: [{ code: "segment_unknown", message: `No segment has the key ${key}.` }],
});
