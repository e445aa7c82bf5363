import { randomBytes, timingSafeEqual } from "node:crypto";
import type http from "node:http";

/**
 * Route handlers in Next.js see headers, never the socket, and Next fills `X-Forwarded-For` from
 * the socket only when the client sent none (base-server.js: `??=`). So the server stamps each
 * request with its socket address before Next reads it (server/http/node-server.ts), in a header a
 * client cannot forge: the stamp carries a random per-process token and replaces whatever a client
 * put there.
 */
export const PEER_HEADER = "x-steward-peer";

const STATE = Symbol.for("steward.peerStamp");
type StampState = { token: string };
// On globalThis: instrumentation and the route bundles are separate module graphs in one process.
const holder = globalThis as unknown as Record<symbol, StampState | undefined>;

/** Stamps one request; the first call makes this process's token. */
export function stampPeer(req: http.IncomingMessage): void {
  const state = (holder[STATE] ??= { token: randomBytes(18).toString("base64url") });
  req.headers[PEER_HEADER] = `${state.token} ${req.socket?.remoteAddress ?? ""}`;
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
