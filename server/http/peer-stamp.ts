import { randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import https from "node:https";

/**
 * Route handlers in Next.js see headers, never the socket, and Next fills `X-Forwarded-For` from
 * the socket only when the client sent none (base-server.js: `??=`). So the server stamps each
 * request with its socket address before Next reads it, in a header a client cannot forge: the
 * stamp carries a random per-process token and replaces whatever a client put there.
 */
export const PEER_HEADER = "x-steward-peer";

const STATE = Symbol.for("steward.peerStamp");
type StampState = { token: string };
// On globalThis: instrumentation and the route bundles are separate module graphs in one process.
const holder = globalThis as unknown as Record<symbol, StampState | undefined>;

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

/** Called once at start-up (instrumentation.ts), before the first request is served. */
export function installPeerStamp(): void {
  if (holder[STATE]) return;
  const state: StampState = { token: randomBytes(18).toString("base64url") };
  holder[STATE] = state;
  for (const proto of [http.Server.prototype, https.Server.prototype] as unknown as { emit: Emit }[]) {
    const emit = proto.emit;
    proto.emit = function (this: unknown, event, ...args) {
      if (event === "request") stamp(args[0] as http.IncomingMessage, state.token);
      return emit.call(this, event, ...args);
    };
  }
}

function stamp(req: http.IncomingMessage, token: string) {
  req.headers[PEER_HEADER] = `${token} ${req.socket?.remoteAddress ?? ""}`;
}

/** The socket address this process stamped on the request; null when there is no valid stamp. */
export function peerAddress(headers: Headers): string | null {
  const state = holder[STATE];
  const value = headers.get(PEER_HEADER);
  if (!state || !value) return null;
  const space = value.indexOf(" ");
  if (space < 0 || !sameToken(value.slice(0, space), state.token)) return null;
  return value.slice(space + 1) || null;
}

function sameToken(given: string, token: string) {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
