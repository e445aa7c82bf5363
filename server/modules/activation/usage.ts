/**
 * Who uses a segment: the activation gate's decisions, counted per (segment, token, channel, UTC
 * day), with every denial kept in a log for STEWARD_DECISION_LOG_DAYS.
 *
 * Why buffered, and not one write (or one audit event) per decision: the gate is asked thousands
 * of times a minute and must answer fast, and the audit chain serialises its writers. These
 * counts are usage statistics, not a security record (a token's creation and revocation are the
 * audited facts), so the request path only appends to memory; a flush every second, or sooner
 * once `batchSize` decisions wait, writes them with one multi-row upsert and one multi-row insert.
 * The price: a crash (not a SIGTERM, which flushes) loses at most the last second or so, and the
 * buffer is bounded: past `capacity` the oldest decisions are dropped with a logged warning
 * rather than letting memory grow without end while the database is unreachable.
 */
import { isClosedDb, type Db } from "@/server/db/client";
import { isConnectionLost, isTimedOut } from "@/server/db/failures";
import { log } from "@/server/log";
import { onShutdown } from "@/server/runtime/shutdown";
import { setDecisionRecorder, type DecisionRecord } from "./usage-hook";
import { createMerge, type DenialRow, type UsageDelta } from "./usage/merge";
import { writeUsage } from "./usage/queries";

export interface RecorderOptions {
  write: (deltas: UsageDelta[], denials: DenialRow[]) => Promise<void>;
  /** Most decisions held in memory; past it the oldest are dropped. */
  capacity?: number;
  /** A flush starts early once this many decisions wait. */
  batchSize?: number;
  /** Time between timed flushes; 0 for none (tests flush by hand). */
  intervalMs?: number;
  warn?: (fields: Record<string, unknown>, message: string) => void;
  /** True once the database is closed for good (a test's, or at the end of a script): nothing kept can be written any more. */
  closed?: () => boolean;
}

export interface DecisionRecorder {
  record: (records: DecisionRecord[]) => void;
  /** Writes what waits now (and waits for a flush already running). */
  flush: () => Promise<void>;
  /** Stops the timer and writes everything left: on shutdown. */
  stop: () => Promise<void>;
  pending: () => number;
  /** Decisions dropped since start because the buffer was full. */
  dropped: () => number;
}

export const DEFAULT_CAPACITY = 100_000;
/**
 * Large enough that under load the one-second timer, not the count, starts most flushes: a flush
 * folds repeats (one count row per segment, tool, channel and day; one log row per identical
 * denial), so fewer, larger flushes write far less. At 5,000, a client asking 1,000 pairs twenty
 * times a second caused four flushes a second, each writing the same 1,000 + 1,000 rows.
 */
export const DEFAULT_BATCH_SIZE = 25_000;
const WARN_EVERY_MS = 10_000;
/** Decisions merged between two turns of the event loop (~1.5 ms of work). */
const MERGE_SLICE = 1000;

export function createDecisionRecorder(opts: RecorderOptions): DecisionRecorder {
  const capacity = opts.capacity ?? DEFAULT_CAPACITY;
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const warn = opts.warn ?? ((fields, message) => log.warn(fields, message));
  let pending: DecisionRecord[] = [];
  let dropped = 0;
  let droppedUnreported = 0;
  let lastWarnAt = -Infinity;
  let running: Promise<void> | null = null;
  let early = false;

  const trim = () => {
    if (pending.length <= capacity) return;
    // A tenth at a time: while the database is away, each decision would otherwise shift a full buffer.
    const excess = Math.max(pending.length - capacity, Math.floor(capacity / 10));
    pending.splice(0, excess);
    dropped += excess;
    droppedUnreported += excess;
    const now = performance.now();
    if (now - lastWarnAt >= WARN_EVERY_MS) {
      lastWarnAt = now;
      warn(
        { dropped: droppedUnreported, capacity },
        `decision usage buffer full (${capacity} decisions waiting to be written): dropped the oldest ${droppedUnreported}; usage counts will be short`,
      );
      droppedUnreported = 0;
    }
  };

  const writeOnce = async () => {
    if (pending.length === 0) return;
    const taken = pending;
    pending = [];
    const merge = createMerge();
    for (let i = 0; i < taken.length; i += MERGE_SLICE) {
      // Requests waiting behind a large flush run between slices.
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      merge.add(taken.slice(i, i + MERGE_SLICE));
    }
    const { deltas, denials } = merge.result();
    try {
      await opts.write(deltas, denials);
    } catch (err) {
      // A lost connection or a timeout is the database's state, not the data's: keep the
      // decisions for the next flush (still bounded). Anything else would fail again: drop them.
      if (opts.closed?.()) {
        // Not "will try again" every second for as long as the process lives.
        log.debug({ lost: taken.length + pending.length }, "decision usage not written: its database was closed");
        pending = [];
        if (timer) clearInterval(timer);
      } else if (isConnectionLost(err) || isTimedOut(err)) {
        pending = taken.concat(pending);
        trim();
        warn({ err, waiting: pending.length }, "writing decision usage failed; will try again");
      } else {
        log.error({ err, lost: taken.length }, "writing decision usage failed; these decisions are not counted");
      }
    }
  };

  const flush = (): Promise<void> => {
    if (running) return running.then(() => (pending.length ? flush() : undefined));
    running = writeOnce().finally(() => {
      running = null;
    });
    return running;
  };

  const timer = opts.intervalMs ? setInterval(() => void flush(), opts.intervalMs) : null;
  // The timer must not keep a process (a test, a script) alive on its own.
  timer?.unref();

  return {
    record(records) {
      for (const r of records) pending.push(r);
      trim();
      if (pending.length >= batchSize && !early) {
        early = true;
        // Off the request path: the caller returns before the write starts.
        setImmediate(() => {
          early = false;
          void flush();
        });
      }
    },
    flush,
    async stop() {
      if (timer) clearInterval(timer);
      await flush();
    },
    pending: () => pending.length,
    dropped: () => dropped,
  };
}

const KEY = Symbol.for("steward.decisionRecorders");
// On globalThis: instrumentation and the route bundles are separate module graphs in one
// process; a database's decisions must feed one buffer, flushed by one timer and on shutdown.
const holder = globalThis as unknown as Record<symbol, WeakMap<Db, DecisionRecorder> | undefined>;

/**
 * The process's recorder for one database (a server has one; tests open several), made on first
 * use and flushed on shutdown. Usage is written to the database the decisions were read from.
 */
export function recorderFor(db: Db, write: RecorderOptions["write"] = (deltas, denials) => writeUsage(db, deltas, denials)): DecisionRecorder {
  const recorders = (holder[KEY] ??= new WeakMap());
  let recorder = recorders.get(db);
  if (!recorder) {
    recorder = createDecisionRecorder({ write, intervalMs: 1000, closed: () => isClosedDb(db) });
    recorders.set(db, recorder);
    // Registered after the database (opened at start-up), so it runs before the database closes.
    onShutdown("decision usage", recorder.stop);
  }
  return recorder;
}

/** Points this module graph's `recordDecisions` (usage-hook.ts, which the gate calls) at the process's recorders. */
export function installDecisionRecorder() {
  setDecisionRecorder((db, records) => recorderFor(db).record(records));
}
