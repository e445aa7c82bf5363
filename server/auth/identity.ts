import type { Role } from "@/domain/roles";

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

/** The client address as the proxy in front of Next.js reports it. */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded) return forwarded.split(",")[0]!.trim() || null;
  return headers.get("x-real-ip");
}
