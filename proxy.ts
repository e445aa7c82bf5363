import type { NextRequest } from "next/server";
import { isUndecodablePath, undecodablePathResponse } from "@/server/validation/path";

/** Runs before routing: refuses what the router itself would fail on. Authorization is not done here. */
export function proxy(request: NextRequest) {
  if (isUndecodablePath(request.nextUrl.pathname)) return undecodablePathResponse();
}

export const config = {
  // Everything but the build's own static files.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
