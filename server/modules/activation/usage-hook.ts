import type { Db } from "@/server/db/client";
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

/** `db`: the database the decisions were read from, where their usage is written. */
export type DecisionRecorderFn = (db: Db, records: DecisionRecord[]) => void;

export let recordDecisions: DecisionRecorderFn = () => {};

export function setDecisionRecorder(fn: DecisionRecorderFn) {
  recordDecisions = fn;
}

/** Hands the records over; a recorder that throws costs the caller nothing but a log line. */
export function reportDecisions(db: Db, records: DecisionRecord[]) {
  try {
    recordDecisions(db, records);
  } catch (err) {
    log.error({ err }, "recording activation decisions failed");
  }
}
