import type { Role } from "@/domain/roles";
import { peerAddress } from "@/server/http/peer-stamp";
import { resolveClientIp, trustedProxies } from "@/server/http/trusted-proxies";

export { requestIdOf } from "@/server/http/request-id";

/**
 * Who is asking: the signed-in person and where the request came from. Sessions are no tRPC
 * concept, so services, route handlers and the tRPC context all take identity from here.
 */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
}

/**
 * The client's address for the sign-in limit and the audit trail: the socket's, unless
 * STEWARD_TRUSTED_PROXIES says which forwarding proxies to believe (see server/http/).
 */
export function clientIp(headers: Headers): string | null {
  return resolveClientIp(peerAddress(headers), headers.get("x-forwarded-for"), trustedProxies());
}
