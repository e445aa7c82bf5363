/**
 * The server's log: one JSON object per line (pino), so a log collector can index it without
 * parsing prose. Warnings and errors go to stderr, everything else to stdout, the way container
 * platforms split "something is wrong" from "something happened". Writes are synchronous: a line
 * logged just before `process.exit` (a wrong setting, a lost lock, the end of a shutdown) must not
 * be lost in a buffer. The level is STEWARD_LOG_LEVEL (README, "Configuration").
 *
 * A line logged while a request is handled carries that request's id (`reqId`), the same id the
 * response's `X-Request-Id` and the request's audit events carry (server/http/node-server.ts).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";
import { logLevelOf } from "./env";

export type Logger = pino.Logger;

type RequestContext = { reqId: string };
const CONTEXT = Symbol.for("steward.requestContext");
// On globalThis: instrumentation and the route bundles are separate module graphs in one process,
// and the request is entered in one (node-server.ts) and logged from the other.
const holder = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestContext> | undefined>;
export const requestContext: AsyncLocalStorage<RequestContext> = (holder[CONTEXT] ??= new AsyncLocalStorage<RequestContext>());

/** A logger writing to the given streams (tests pass their own); `log` below is the process's. */
export function createLogger(level: string, out: pino.DestinationStream, err: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      base: { pid: process.pid },
      mixin: () => {
        const ctx = requestContext.getStore();
        return ctx ? { reqId: ctx.reqId } : {};
      },
    },
    // dedupe: a line goes only to the stream with the highest level it reaches.
    pino.multistream(
      [
        { level: "trace", stream: out },
        { level: "warn", stream: err },
      ],
      { dedupe: true },
    ),
  );
}

export const log: Logger = createLogger(logLevelOf(process.env), pino.destination({ fd: 1, sync: true }), pino.destination({ fd: 2, sync: true }));
