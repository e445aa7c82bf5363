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
  /** An admin set a temporary password: until a new one is chosen, only changing it is allowed (server/trpc/init.ts). */
  mustChangePassword?: boolean;
}

/** The refusal for anything but changing it while a temporary password is pending (tRPC and route handlers alike). */
export const PASSWORD_CHANGE_REQUIRED = "Choose a new password before you continue: yours is a temporary one an admin set.";

/**
 * The client's address for the sign-in limit and the audit trail: the socket's, unless
 * STEWARD_TRUSTED_PROXIES says which forwarding proxies to believe (see server/http/).
 */
export function clientIp(headers: Headers): string | null {
  return resolveClientIp(peerAddress(headers), headers.get("x-forwarded-for"), trustedProxies());
}
