import "server-only";
import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { getDb } from "@/server/db";
import { DomainError } from "@/server/errors";
import { signInWithOidc, signInWithPassword, signOut, type RequestMeta } from "@/server/modules/auth/service";
import { clientIp, requestIdOf } from "@/server/auth/identity";
import { safeCallbackUrl } from "./callback-url";
import { serverEnv } from "@/server/env";
import { log } from "@/server/log";

/** The cookie lives at most this long; the server-side idle timeout (≤ 8 h) usually ends it first. */
const ABSOLUTE_SESSION_SECONDS = 12 * 60 * 60;

type WithSid = User & { sid?: string };

async function requestMeta(): Promise<RequestMeta> {
  const h = await headers();
  return { ip: clientIp(h), userAgent: h.get("user-agent"), requestId: requestIdOf(h) };
}

const messageOf = (err: unknown) => (err instanceof DomainError ? err.message : "Sign-in failed on our side. Please try again.");

function oidcProvider() {
  const oidc = serverEnv().oidc;
  if (!oidc) return [];
  return [
    {
      id: "oidc",
      name: oidc.displayName,
      type: "oauth" as const,
      wellKnown: `${oidc.issuer}/.well-known/openid-configuration`,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce" as const, "state" as const],
      profile(profile: Record<string, unknown>) {
        return {
          id: String(profile.sub),
          email: typeof profile.email === "string" ? profile.email : null,
          name: typeof profile.name === "string" ? profile.name : null,
        };
      },
    },
  ];
}

/**
 * next-auth only carries a server-side session id (`sid`) in its cookie; who the user is and
 * whether the session is still valid is decided per request by resolveSession().
 */
export function authOptions(): NextAuthOptions {
  return {
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const db = await getDb();
          try {
            const { user, sessionId } = await signInWithPassword(db, { email: credentials?.email ?? "", password: credentials?.password ?? "" }, await requestMeta());
            return { id: user.id, email: user.email, name: user.name, sid: sessionId } as WithSid;
          } catch (err) {
            if (!(err instanceof DomainError)) log.error({ err }, "sign-in failed");
            // next-auth passes this message to the sign-in page as ?error=…
            throw new Error(messageOf(err), { cause: err });
          }
        },
      }),
      ...oidcProvider(),
    ],
    session: { strategy: "jwt", maxAge: ABSOLUTE_SESSION_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    callbacks: {
      // Only ever back to a page of Steward's own; the default throws on a malformed URL.
      async redirect({ url, baseUrl }) {
        return safeCallbackUrl(url, baseUrl);
      },
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return true;
        const settings = serverEnv().oidc!;
        const claims = (profile ?? {}) as Record<string, unknown>;
        try {
          const db = await getDb();
          const result = await signInWithOidc(
            db,
            settings,
            {
              subject: String(claims.sub ?? account.providerAccountId),
              email: typeof claims.email === "string" ? claims.email : null,
              emailVerified: claims.email_verified === true || claims.email_verified === "true",
              name: typeof claims.name === "string" ? claims.name : null,
              claims,
            },
            await requestMeta(),
          );
          (user as WithSid).sid = result.sessionId;
          return true;
        } catch (err) {
          if (!(err instanceof DomainError)) log.error({ err }, "single sign-on failed");
          return `/sign-in?error=${encodeURIComponent(messageOf(err))}`;
        }
      },
      async jwt({ token, user }) {
        const sid = (user as WithSid | undefined)?.sid;
        if (sid) token.sid = sid;
        return token;
      },
      async session({ session, token }) {
        return { ...session, sid: typeof token.sid === "string" ? token.sid : undefined };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await signOut(await getDb(), token.sid, await requestMeta());
      },
    },
    secret: serverEnv().authSecret,
  };
}
