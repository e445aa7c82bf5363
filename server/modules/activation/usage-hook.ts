import { log } from "@/server/log";

/**
 * Where the gate reports each decision it made, for the "Used by" aggregates and the decision log.
 * The recorder is called on the request's path, so it must not block or throw: it buffers and
 * writes later (never one audit event per call: the audit chain serialises its writers). Until one
 * is set, decisions are not recorded.
 */
export type DecisionRecord = {
  tokenId: string;
  /** null for a key that names no segment. */
  segmentId: string | null;
  segmentKey: string;
  channel: string;
  allowed: boolean;
  reasons: { code: string; message: string }[];
  at: Date;
};

export let recordDecisions: (records: DecisionRecord[]) => void = () => {};

export function setDecisionRecorder(fn: (records: DecisionRecord[]) => void) {
  recordDecisions = fn;
}

/** Hands the records over; a recorder that throws costs the caller nothing but a log line. */
export function reportDecisions(records: DecisionRecord[]) {
  try {
    recordDecisions(records);
  } catch (err) {
    log.error({ err }, "recording activation decisions failed");
  }
}
