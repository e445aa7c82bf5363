import NextAuth from "next-auth";
import { refuseUnreadableCallbackUrl } from "@/server/auth/callback-url";
import { authOptions } from "@/server/auth/config";

export const dynamic = "force-dynamic";

function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  // next-auth answers an unreadable callbackUrl with a bare 500; refuse it as the bad input it is.
  return refuseUnreadableCallbackUrl(req) ?? NextAuth(authOptions())(req, ctx);
}

export { handler as GET, handler as POST };
