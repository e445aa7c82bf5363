/**
 * Graceful shutdown. On SIGTERM (a deploy, a scale-down) or SIGINT, the process:
 *
 * 1. stops accepting: readiness (/api/ready) answers 503 from now on, so a load balancer takes the
 *    process out of rotation, and the servers stop listening (server/http/node-server.ts);
 * 2. lets the requests in flight finish, for at most STEWARD_SHUTDOWN_TIMEOUT seconds;
 * 3. runs the closers registered with `onShutdown`, last registered first (the scheduler before
 *    the database; closing the embedded database releases its folder's lock at once, so the next
 *    process can start on it);
 * 4. exits: 0 when everything finished, 1 when requests had to be cut off or a closer failed.
 *
 * A repeated signal while draining changes nothing: Ctrl-C in a terminal reaches both `npm start`
 * and the server it forwards the signal to, so the server gets two; the timeout bounds the wait.
 * Next.js has a SIGTERM handler of its own that exits without a timeout or the closers;
 * NEXT_MANUAL_SIG_HANDLE=1 (scripts/start.mjs) turns it off.
 */
import { log } from "@/server/log";
import { closeAllConnections, requestsInFlight, stopAccepting, whenIdle } from "@/server/http/node-server";

type Closer = { name: string; close: () => unknown };
type ShutdownState = { draining: boolean; closers: Closer[]; installed: boolean };
const STATE = Symbol.for("steward.shutdown");
// On globalThis: instrumentation and the route bundles are separate module graphs in one process.
const holder = globalThis as unknown as Record<symbol, ShutdownState | undefined>;
const state = (): ShutdownState => (holder[STATE] ??= { draining: false, closers: [], installed: false });

/** How long one closer may take before the shutdown goes on without it. */
const CLOSER_TIMEOUT_MS = 5_000;

/** Registers something to close when the process stops (after the requests in flight). */
export function onShutdown(name: string, close: () => unknown): void {
  state().closers.push({ name, close });
}

/** True once the process has begun to stop: readiness fails from then on. */
export function isDraining(): boolean {
  return state().draining;
}

export interface ShutdownOptions {
  /** How long requests in flight may take (STEWARD_SHUTDOWN_TIMEOUT). */
  timeoutMs: number;
  /** Tests replace it; the default ends the process. */
  exit?: (code: number) => void;
}

/** Listens for SIGTERM and SIGINT (once per process). */
export function installGracefulShutdown(opts: ShutdownOptions): void {
  const s = state();
  if (s.installed) return;
  s.installed = true;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (s.draining) return;
      void shutdown(signal, opts.timeoutMs).then(exit);
    });
  }
}

/** The drain and the closers; resolves with the exit code. */
export async function shutdown(reason: string, timeoutMs: number): Promise<number> {
  const s = state();
  s.draining = true;
  const started = performance.now();
  log.info({ reason, inFlight: requestsInFlight(), timeoutMs }, `${reason}: stopping; finishing ${requestsInFlight()} request(s) in flight`);
  stopAccepting();
  let timer: NodeJS.Timeout | undefined;
  const drained = await Promise.race([whenIdle().then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)))]);
  clearTimeout(timer);
  let code = 0;
  if (!drained) {
    log.warn({ inFlight: requestsInFlight(), timeoutMs }, `${requestsInFlight()} request(s) still running after ${timeoutMs / 1000} s (STEWARD_SHUTDOWN_TIMEOUT): stopping without them`);
    code = 1;
  }
  closeAllConnections();
  for (const closer of [...s.closers].reverse()) {
    try {
      await withTimeout(Promise.resolve(closer.close()), CLOSER_TIMEOUT_MS, closer.name);
    } catch (err) {
      log.error({ err, closer: closer.name }, `closing ${closer.name} failed`);
      code = 1;
    }
  }
  log.info({ ms: Math.round(performance.now() - started), code }, "stopped");
  return code;
}

async function withTimeout<T>(work: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${name} did not close within ${ms / 1000} s`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
