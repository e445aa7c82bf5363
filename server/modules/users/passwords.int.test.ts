import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { PASSWORD_CHANGE_REQUIRED } from "@/server/auth/identity";
import { auditEvents, users } from "@/server/db/schema";
import { resolveSession } from "@/server/modules/auth/sessions";
import { signInWithPassword } from "@/server/modules/auth/service";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser, TEST_PASSWORD, errorOf } from "@/server/testing/fixtures";
import type { Db } from "@/server/db/client";
import { DomainError } from "@/server/errors";

/** The input a refusal points at (the form shows the message there). */
const fieldOf = (err: TRPCError) => (err.cause instanceof DomainError ? err.cause.field : undefined);

const meta = { ip: "198.51.100.9", userAgent: "vitest" };
const signIn = (db: Db, email: string, password: string) => signInWithPassword(db, { email, password }, meta);
const eventsOf = (db: Db, userId: string, action: string) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, userId), eq(auditEvents.action, action)));

/** The caller a browser holding this session gets: the user as resolved from the session row. */
async function sessionCaller(db: Db, sessionId: string) {
  const user = await resolveSession(db, sessionId);
  if (!user) throw new Error("session ended");
  return callerFor(db, user, { sessionId });
}

describeEachDb("passwords", (getDb) => {
  it("an admin sets a temporary password: the person's sessions end, and after signing in they may only change it", async () => {
    const db = getDb();
    const admin = await makeUser(db, ["admin"]);
    const m = await makeUser(db, ["marketer"]);
    const before = await signIn(db, m.email, TEST_PASSWORD);

    const weak = await errorOf(callerFor(db, admin).users.setTemporaryPassword({ userId: m.id, password: "password1234" }));
    expect(weak.code).toBe("BAD_REQUEST");
    expect(weak.message).toMatch(/commonly used password/);
    expect(fieldOf(weak)).toBe("password");
    expect(await resolveSession(db, before.sessionId)).not.toBeNull();

    expect(await callerFor(db, admin).users.setTemporaryPassword({ userId: m.id, password: "lantern orbit velvet" })).toEqual({ sessionsEnded: 1 });
    expect(await resolveSession(db, before.sessionId)).toBeNull();
    const listed = (await callerFor(db, admin).users.list()).find((u) => u.id === m.id);
    expect(listed).toMatchObject({ hasPassword: true, mustChangePassword: true });

    // The old password no longer works; the temporary one does, but only to change it.
    await expect(signIn(db, m.email, TEST_PASSWORD)).rejects.toThrow(/incorrect/);
    const temp = await signIn(db, m.email, "lantern orbit velvet");
    const pending = await sessionCaller(db, temp.sessionId);
    expect(await pending.auth.me()).toMatchObject({ id: m.id, mustChangePassword: true });
    const blocked = await errorOf(pending.segments.list({}));
    expect(blocked.code).toBe("FORBIDDEN");
    expect(blocked.message).toBe(PASSWORD_CHANGE_REQUIRED);

    const same = await errorOf(pending.users.changeOwnPassword({ currentPassword: "lantern orbit velvet", newPassword: "lantern orbit velvet" }));
    expect(same.message).toMatch(/different from your current one/);
    await pending.users.changeOwnPassword({ currentPassword: "lantern orbit velvet", newPassword: "quiet harbour ninety kites" });
    // The same session goes on, now free to work.
    const freed = await sessionCaller(db, temp.sessionId);
    expect((await freed.auth.me()).mustChangePassword).toBe(false);
    await expect(freed.segments.list({})).resolves.toBeDefined();

    const [set] = await eventsOf(db, m.id, "user.temporary_password_set");
    expect(set).toMatchObject({ actorId: admin.id, before: { hadPassword: true, mustChangePassword: false }, after: { mustChangePassword: true, sessionsEnded: 1 } });
    const [changed] = await eventsOf(db, m.id, "user.password_changed");
    expect(changed).toMatchObject({ actorId: m.id, reason: "replaced a temporary password", after: { mustChangePassword: false, otherSessionsEnded: 0 } });
    for (const e of [set, changed]) expect(JSON.stringify(e)).not.toMatch(/argon2|lantern|harbour/);
  });

  it("gives the sample workspace's password-less people a way in, and refuses an admin's own temporary password", async () => {
    const db = getDb();
    const admin = await makeUser(db, ["admin"]);
    const [nopass] = await db
      .insert(users)
      .values({ email: "sample.person@example.test", name: "Sam Ple", roles: ["steward"] })
      .returning();
    await expect(signIn(db, nopass!.email, "anything at all here")).rejects.toThrow(/incorrect/);
    expect(await callerFor(db, admin).users.setTemporaryPassword({ userId: nopass!.id, password: "granite meadow tulip" })).toEqual({ sessionsEnded: 0 });
    const [event] = await eventsOf(db, nopass!.id, "user.temporary_password_set");
    expect(event!.before).toEqual({ hadPassword: false, mustChangePassword: false });
    await expect(signIn(db, nopass!.email, "granite meadow tulip")).resolves.toBeDefined();
    // The rule knows whose password it is.
    const personal = await errorOf(callerFor(db, admin).users.setTemporaryPassword({ userId: nopass!.id, password: "sample.person2026" }));
    expect(personal.message).toMatch(/your own name or email/);

    const own = await errorOf(callerFor(db, admin).users.setTemporaryPassword({ userId: admin.id, password: "granite meadow tulip" }));
    expect(own.code).toBe("PRECONDITION_FAILED");
  });

  it("changing one's own password needs the current one, ends every other session and keeps this one", async () => {
    const db = getDb();
    const s = await makeUser(db, ["steward"]);
    const here = await signIn(db, s.email, TEST_PASSWORD);
    const laptop = await signIn(db, s.email, TEST_PASSWORD);
    const phone = await signIn(db, s.email, TEST_PASSWORD);
    const caller = await sessionCaller(db, here.sessionId);

    const wrong = await errorOf(caller.users.changeOwnPassword({ currentPassword: "not my password at all", newPassword: "silver canyon forty owls" }));
    expect(wrong.code).toBe("BAD_REQUEST");
    expect(fieldOf(wrong)).toBe("currentPassword");
    const [failed] = await eventsOf(db, s.id, "user.password_change_failed");
    expect(failed).toMatchObject({ actorId: s.id, reason: "current password did not match" });
    expect(await resolveSession(db, laptop.sessionId)).not.toBeNull();

    const weak = await errorOf(caller.users.changeOwnPassword({ currentPassword: TEST_PASSWORD, newPassword: "Summer2024!!" }));
    expect(fieldOf(weak)).toBe("newPassword");

    expect(await caller.users.changeOwnPassword({ currentPassword: TEST_PASSWORD, newPassword: "silver canyon forty owls" })).toEqual({ otherSessionsEnded: 2 });
    expect(await resolveSession(db, here.sessionId)).not.toBeNull();
    expect(await resolveSession(db, laptop.sessionId)).toBeNull();
    expect(await resolveSession(db, phone.sessionId)).toBeNull();
    await expect(signIn(db, s.email, "silver canyon forty owls")).resolves.toBeDefined();
    const [changed] = await eventsOf(db, s.id, "user.password_changed");
    expect(changed).toMatchObject({ reason: null, after: { mustChangePassword: false, otherSessionsEnded: 2 } });
    expect(JSON.stringify(changed)).not.toMatch(/argon2|silver|horse/);
  });

  it("wrong current passwords count toward the sign-in limit", async () => {
    const db = getDb();
    const a = await makeUser(db, ["auditor"]);
    const here = await signIn(db, a.email, TEST_PASSWORD);
    const caller = await sessionCaller(db, here.sessionId);
    for (let i = 0; i < 5; i++) await errorOf(caller.users.changeOwnPassword({ currentPassword: `wrong guess number ${i}`, newPassword: "silver canyon forty owls" }));
    const limited = await errorOf(caller.users.changeOwnPassword({ currentPassword: TEST_PASSWORD, newPassword: "silver canyon forty owls" }));
    expect(limited.code).toBe("TOO_MANY_REQUESTS");
    await expect(signIn(db, a.email, TEST_PASSWORD)).rejects.toThrow(/Too many/);
  });

  it("setup and new users follow the same rule", async () => {
    const db = getDb();
    const admin = await makeUser(db, ["admin"]);
    const err = await errorOf(callerFor(db, admin).users.create({ email: "weak@example.test", name: "Weak One", password: "password1234", roles: ["marketer"] }));
    expect(fieldOf(err)).toBe("password");
    expect(err.message).toMatch(/commonly used password/);
  });
});
