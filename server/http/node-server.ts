/**
 * Hooks on Node's HTTP server, the one place that sees every request before Next.js does and
 * after it has answered. Next.js owns the server object, so the hooks sit on `Server.prototype.emit`
 * ("request") and are installed once at start-up (instrumentation.ts), before the first request:
 *
 * - the socket address stamp (peer-stamp.ts), which route handlers cannot get otherwise;
 * - the request id: a caller's plain `X-Request-Id` is kept, anything else replaced by a UUID, set
 *   on the request (so audit events carry it, request-id.ts) and on the response, and on every log
 *   line written while the request is handled (server/log.ts);
 * - a count of requests in flight, for the graceful shutdown (server/runtime/shutdown.ts), which
 *   also needs the servers themselves to stop accepting connections;
 * - one access-log line per request: method, path (never the query string, which may hold search
 *   terms), status, duration, request id.
 */
import http from "node:http";
import https from "node:https";
import { log, requestContext } from "@/server/log";
import { stampPeer } from "./peer-stamp";
import { requestIdFrom } from "./request-id";

type HooksState = {
  inFlight: Set<http.ServerResponse>;
  idleWaiters: Array<() => void>;
  servers: Set<http.Server>;
  stopping: boolean;
};
const STATE = Symbol.for("steward.serverHooks");
// On globalThis: instrumentation and the route bundles are separate module graphs in one process.
const holder = globalThis as unknown as Record<symbol, HooksState | undefined>;

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

/** Called once at start-up (instrumentation.ts), before the first request is served. */
export function installServerHooks(): void {
  if (holder[STATE]) return;
  const state: HooksState = { inFlight: new Set(), idleWaiters: [], servers: new Set(), stopping: false };
  holder[STATE] = state;
  for (const proto of [http.Server.prototype, https.Server.prototype] as unknown as { emit: Emit }[]) {
    const emit = proto.emit;
    proto.emit = function (this: unknown, event, ...args) {
      if (event !== "request") return emit.call(this, event, ...args);
      const req = args[0] as http.IncomingMessage;
      const res = args[1] as http.ServerResponse;
      // Next.js listens before instrumentation runs, so a server becomes known by its first request.
      state.servers.add(this as http.Server);
      stampPeer(req);
      const reqId = requestIdFrom(headerValue(req.headers["x-request-id"]));
      req.headers["x-request-id"] = reqId;
      res.setHeader("x-request-id", reqId);
      track(state, req, res, reqId);
      return requestContext.run({ reqId }, () => emit.call(this, event, ...args));
    };
  }
}

const headerValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function track(state: HooksState, req: http.IncomingMessage, res: http.ServerResponse, reqId: string) {
  const started = performance.now();
  state.inFlight.add(res);
  // A request that arrives on a kept-alive connection while stopping is served, and its connection closed after.
  if (state.stopping) res.shouldKeepAlive = false;
  const done = () => {
    if (!state.inFlight.delete(res)) return;
    const path = (req.url ?? "").split("?")[0]!.slice(0, 300);
    const entry = { reqId, method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started) };
    // "close" before "finish": the client went away before the whole answer was sent.
    log.info(res.writableFinished ? entry : { ...entry, aborted: true }, "request");
    if (state.inFlight.size === 0) state.idleWaiters.splice(0).forEach((wake) => wake());
  };
  res.once("finish", done);
  res.once("close", done);
}

/** Requests being handled by this process now. */
export function requestsInFlight(): number {
  return holder[STATE]?.inFlight.size ?? 0;
}

/** Resolves once no request is in flight (at once when none is). */
export function whenIdle(): Promise<void> {
  const state = holder[STATE];
  if (!state || state.inFlight.size === 0) return Promise.resolve();
  return new Promise((resolve) => state.idleWaiters.push(resolve));
}

/**
 * Stops accepting: the servers stop listening and drop idle kept-alive connections; the requests
 * in flight go on, each answered with `Connection: close` where its headers are not yet sent.
 */
export function stopAccepting(): void {
  const state = holder[STATE];
  if (!state) return;
  state.stopping = true;
  for (const res of state.inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
  for (const server of state.servers) {
    server.close();
    server.closeIdleConnections();
  }
}

/** Ends every connection still open (after the drain, just before the process exits). */
export function closeAllConnections(): void {
  for (const server of holder[STATE]?.servers ?? []) server.closeAllConnections();
}
