import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditEvents, users } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { oidcSettings } from "@/server/auth/settings";
import { describeEachDb } from "@/server/testing/db";
import { makeUser, TEST_PASSWORD } from "@/server/testing/fixtures";
import { resolveSession } from "./sessions";
import { signInWithOidc, signInWithPassword, signOut } from "./service";

const meta = (ip = "198.51.100.1") => ({ ip, userAgent: "vitest", requestId: null });

async function codeOf(p: Promise<unknown>) {
  try {
    await p;
    return null;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
}

describeEachDb("password sign-in", (getDb) => {
  it("signs in, creates a server-side session and audits it", async () => {
    const u = await makeUser(getDb(), ["marketer"]);
    const { user, sessionId } = await signInWithPassword(getDb(), { email: u.email.toUpperCase(), password: TEST_PASSWORD }, meta());
    expect(user.id).toBe(u.id);
    expect(await resolveSession(getDb(), sessionId)).toMatchObject({ id: u.id, roles: ["marketer"] });
    const events = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, u.id), eq(auditEvents.action, "auth.signed_in")));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: u.id, ip: "198.51.100.1", userAgent: "vitest" });
  });

  it("refuses a wrong password with one message for unknown and known accounts, and audits both", async () => {
    const u = await makeUser(getDb(), ["steward"]);
    const wrong = signInWithPassword(getDb(), { email: u.email, password: "not the password" }, meta("198.51.100.2"));
    await expect(wrong).rejects.toThrow("Email or password is incorrect.");
    const unknown = signInWithPassword(getDb(), { email: "nobody@example.test", password: "whatever12345" }, meta("198.51.100.2"));
    await expect(unknown).rejects.toThrow("Email or password is incorrect.");
    const failed = await getDb().select().from(auditEvents).where(eq(auditEvents.action, "auth.sign_in_failed"));
    expect(failed.map((e) => e.actorLabel)).toEqual(expect.arrayContaining([u.email, "nobody@example.test"]));
  });

  it("locks an account after 5 failures, even for the right password, without blocking others", async () => {
    const u = await makeUser(getDb(), ["marketer"]);
    for (let i = 0; i < 5; i++) {
      expect(await codeOf(signInWithPassword(getDb(), { email: u.email, password: "wrong-password-x" }, meta(`192.0.2.${i}`)))).toBe("UNAUTHENTICATED");
    }
    expect(await codeOf(signInWithPassword(getDb(), { email: u.email, password: TEST_PASSWORD }, meta("192.0.2.99")))).toBe("RATE_LIMITED");
    const other = await makeUser(getDb(), ["marketer"]);
    expect(await codeOf(signInWithPassword(getDb(), { email: other.email, password: TEST_PASSWORD }, meta("192.0.2.99")))).toBeNull();
  });

  it("limits failures per IP address across accounts", async () => {
    const ip = "203.0.113.200";
    for (let i = 0; i < 20; i++) {
      await codeOf(signInWithPassword(getDb(), { email: `spray-${i}@example.test`, password: "guess-guess-guess" }, meta(ip)));
    }
    const u = await makeUser(getDb(), ["auditor"]);
    expect(await codeOf(signInWithPassword(getDb(), { email: u.email, password: TEST_PASSWORD }, meta(ip)))).toBe("RATE_LIMITED");
    expect(await codeOf(signInWithPassword(getDb(), { email: u.email, password: TEST_PASSWORD }, meta("203.0.113.201")))).toBeNull();
  });

  it("refuses a disabled account", async () => {
    const u = await makeUser(getDb(), ["marketer"], { disabled: true });
    await expect(signInWithPassword(getDb(), { email: u.email, password: TEST_PASSWORD }, meta("198.51.100.3"))).rejects.toThrow(/disabled/);
  });

  it("ends a session after 8 hours idle, on sign-out, and when the user is disabled", async () => {
    const u = await makeUser(getDb(), ["marketer"]);
    const a = await signInWithPassword(getDb(), { email: u.email, password: TEST_PASSWORD }, meta("198.51.100.4"));
    const in7h = new Date(Date.now() + 7 * 3600_000);
    expect(await resolveSession(getDb(), a.sessionId, in7h)).not.toBeNull();
    // Touched at +7 h, so idle time restarts from there.
    expect(await resolveSession(getDb(), a.sessionId, new Date(in7h.getTime() + 7 * 3600_000))).not.toBeNull();
    expect(await resolveSession(getDb(), a.sessionId, new Date(in7h.getTime() + 15 * 3600_000 + 1))).toBeNull();

    const b = await signInWithPassword(getDb(), { email: u.email, password: TEST_PASSWORD }, meta("198.51.100.4"));
    await signOut(getDb(), b.sessionId, meta());
    expect(await resolveSession(getDb(), b.sessionId)).toBeNull();

    const c = await signInWithPassword(getDb(), { email: u.email, password: TEST_PASSWORD }, meta("198.51.100.4"));
    await getDb().update(users).set({ disabledAt: new Date() }).where(eq(users.id, u.id));
    expect(await resolveSession(getDb(), c.sessionId)).toBeNull();
  });
});

describeEachDb("single sign-on", (getDb) => {
  const settings = oidcSettings({
    OIDC_ISSUER: "https://idp.example.test/",
    OIDC_CLIENT_ID: "steward",
    OIDC_CLIENT_SECRET: "s3cret",
    OIDC_ROLE_MAP: "privacy-team=privacy_officer,analysts=steward|auditor",
    OIDC_DEFAULT_ROLE: "marketer",
  })!;
  const profile = (sub: string, email: string, groups: string[], emailVerified = true) => ({
    subject: sub,
    email,
    emailVerified,
    name: `SSO ${sub}`,
    claims: { sub, email, groups },
  });

  it("creates a new user with roles mapped from claims, and reuses the identity next time", async () => {
    const first = await signInWithOidc(getDb(), settings, profile("sub-1", "Ana@Example.test", ["analysts"]), meta());
    expect(first.user).toMatchObject({ email: "ana@example.test", roles: ["steward", "auditor"] });
    const again = await signInWithOidc(getDb(), settings, profile("sub-1", "ana@example.test", ["privacy-team"]), meta());
    expect(again.user.id).toBe(first.user.id);
    const created = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, first.user.id), eq(auditEvents.action, "user.created")));
    expect(created).toHaveLength(1);
  });

  it("gives the default role when no claim maps", async () => {
    const r = await signInWithOidc(getDb(), settings, profile("sub-2", "bo@example.test", ["unrelated"]), meta());
    expect(r.user.roles).toEqual(["marketer"]);
  });

  it("links an existing local account by verified email only", async () => {
    const local = await makeUser(getDb(), ["admin"], { email: "cy@example.test" });
    await expect(signInWithOidc(getDb(), settings, profile("sub-3", "cy@example.test", [], false), meta())).rejects.toThrow(/not verified/);
    const r = await signInWithOidc(getDb(), settings, profile("sub-3", "cy@example.test", []), meta());
    expect(r.user).toMatchObject({ id: local.id, roles: ["admin"] });
  });

  it("refuses a disabled user", async () => {
    await makeUser(getDb(), ["marketer"], { email: "di@example.test", disabled: true });
    await expect(signInWithOidc(getDb(), settings, profile("sub-4", "di@example.test", []), meta())).rejects.toThrow(/disabled/);
  });
});
