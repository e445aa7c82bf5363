import type { DbOrTx } from "@/server/db/client";
import { DomainError, invalid } from "@/server/errors";
import { decideActivation, unknownSegmentDecision } from "@/domain/activation-decision";
import type { Channel } from "@/domain/vocab";
import { gateSegmentById, gateSegmentsByKey, knownPurposeKeys, type GateSegment } from "./queries";
import type { DecisionAnswer, DecisionAsk } from "./schemas";

/**
 * The activation gate: facts read from committed state in one statement per call (no cache, so
 * a pause, retire, consent change or exception expiry is seen by the next call of any process),
 * decided by the pure rule in domain/activation-decision.ts with one clock per request.
 */

export interface Decided {
  answer: DecisionAnswer;
  segmentId: string | null;
}

function answerFor(seg: GateSegment, ask: { channel: Channel; purpose?: string }, now: Date): DecisionAnswer {
  const d = decideActivation(seg.facts, ask, now);
  return {
    allowed: d.allowed,
    segment: { key: seg.key, name: seg.name },
    version: seg.version,
    status: seg.facts.status,
    channel: ask.channel,
    reasons: d.reasons,
    frequencyCap: seg.frequencyCaps[ask.channel] ?? null,
    minimumCohort: seg.minimumCohort,
    evaluatedAt: now.toISOString(),
  };
}

function unknownAnswer(key: string, channel: Channel, now: Date): DecisionAnswer {
  return { ...unknownSegmentDecision(key), segment: { key, name: null }, version: null, status: null, channel, frequencyCap: null, minimumCohort: null, evaluatedAt: now.toISOString() };
}

/** One segment by key: 404 when no segment has it, 400 naming `purpose` when no consent purpose has that key. */
export async function decideOne(db: DbOrTx, key: string, ask: { channel: Channel; purpose?: string }, now = new Date()): Promise<Decided> {
  const [segs, purposes] = await Promise.all([gateSegmentsByKey(db, [key]), ask.purpose ? knownPurposeKeys(db, [ask.purpose]) : null]);
  if (ask.purpose && !purposes!.has(ask.purpose)) throw invalid(`purpose: no consent purpose has the key ${ask.purpose}`, "purpose");
  const seg = segs.get(key);
  if (!seg) throw new DomainError("NOT_FOUND", `No segment has the key ${key}.`, { field: "key" });
  return { answer: answerFor(seg, ask, now), segmentId: seg.id };
}

/**
 * Many pairs at once, answered in the order asked: one statement for every segment's facts and
 * one for the purposes named. A key that names no segment is answered allowed:false with reason
 * segment_unknown; an unknown purpose is a 400 naming its item, as in a single ask.
 */
export async function decideMany(db: DbOrTx, asks: DecisionAsk[], now = new Date()): Promise<Decided[]> {
  const named = asks.flatMap((a) => (a.purpose ? [a.purpose] : []));
  const [segs, purposes] = await Promise.all([
    gateSegmentsByKey(
      db,
      asks.map((a) => a.segment),
    ),
    named.length ? knownPurposeKeys(db, named) : null,
  ]);
  const unknown = asks.findIndex((a) => a.purpose && !purposes!.has(a.purpose));
  if (unknown >= 0) throw invalid(`decisions.${unknown}.purpose: no consent purpose has the key ${asks[unknown]!.purpose}`, `decisions.${unknown}.purpose`);
  return asks.map((a) => {
    const seg = segs.get(a.segment);
    return seg ? { answer: answerFor(seg, a, now), segmentId: seg.id } : { answer: unknownAnswer(a.segment, a.channel, now), segmentId: null };
  });
}

/** The gate's answer for every channel the segment declares (the segment page's card); null when there is no such segment. */
export async function decisionsForSegment(db: DbOrTx, id: string, now = new Date()) {
  const seg = await gateSegmentById(db, id);
  if (!seg) return null;
  return { version: seg.version, evaluatedAt: now.toISOString(), decisions: seg.facts.channels.map((channel) => answerFor(seg, { channel }, now)) };
}
