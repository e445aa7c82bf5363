import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditEvents, users } from "@/server/db/schema";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser, TEST_PASSWORD, errorOf } from "@/server/testing/fixtures";
import { resolveSession } from "@/server/modules/auth/sessions";
import { signInWithPassword } from "@/server/modules/auth/service";
import { PASSWORD_CHANGE_REQUIRED } from "@/server/auth/identity";

const eventsFor = (getDb: () => Parameters<typeof callerFor>[0], entityId: string) => getDb().select().from(auditEvents).where(eq(auditEvents.entityId, entityId));

describeEachDb("users", (getDb) => {
  it("an admin creates a user whose password is temporary: they sign in with it, may only change it, and the audit event has no password", async () => {
    const admin = await makeUser(getDb(), ["admin"]);
    const { id } = await callerFor(getDb(), admin).users.create({
      email: "New.Marketer@Example.test",
      name: "Nina Marketer",
      password: "a long enough passphrase",
      roles: ["marketer", "marketer"],
    });
    const listed = (await callerFor(getDb(), admin).users.list()).find((u) => u.id === id);
    expect(listed).toMatchObject({ hasPassword: true, mustChangePassword: true });
    const signedIn = await signInWithPassword(getDb(), { email: "new.marketer@example.test", password: "a long enough passphrase" }, { ip: "x", userAgent: null });
    expect(signedIn.user).toMatchObject({ id, roles: ["marketer"] });

    // Until they choose their own, the server refuses them all but changing it.
    const asSession = async () => callerFor(getDb(), (await resolveSession(getDb(), signedIn.sessionId))!, { sessionId: signedIn.sessionId });
    const pending = await asSession();
    expect(await pending.auth.me()).toMatchObject({ id, mustChangePassword: true });
    const blocked = await errorOf(pending.segments.list({}));
    expect(blocked.code).toBe("FORBIDDEN");
    expect(blocked.message).toBe(PASSWORD_CHANGE_REQUIRED);
    await pending.users.changeOwnPassword({ currentPassword: "a long enough passphrase", newPassword: "quiet harbour ninety kites" });
    const freed = await asSession();
    expect(await freed.auth.me()).toMatchObject({ id, mustChangePassword: false });
    await expect(freed.segments.list({})).resolves.toBeDefined();

    const [event] = (await eventsFor(getDb, id)).filter((e) => e.action === "user.created");
    expect(event).toMatchObject({ actorId: admin.id, actorLabel: admin.email, after: { email: "new.marketer@example.test", roles: ["marketer"], mustChangePassword: true } });
    expect(JSON.stringify(event!.after)).not.toMatch(/argon2|passphrase/);
  });

  it("refuses a duplicate email (any case) on the email field", async () => {
    const admin = await makeUser(getDb(), ["admin"]);
    const existing = await makeUser(getDb(), ["steward"]);
    const err = await errorOf(callerFor(getDb(), admin).users.create({ email: existing.email.toUpperCase(), name: "Dup", password: "another long passphrase", roles: ["steward"] }));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toMatch(/already exists/);
  });

  it("never removes or disables the last active admin, and leaves nothing half-written", async () => {
    const db = getDb();
    // Make this database's admins a known set: only `solo` is an active admin.
    await db.execute(sql`UPDATE users SET disabled_at = now() WHERE 'admin' = ANY(roles)`);
    const solo = await makeUser(db, ["admin"]);
    const other = await makeUser(db, ["admin"]);
    await callerFor(db, solo).users.setDisabled({ userId: other.id, disabled: true });

    const demote = await errorOf(callerFor(db, solo).users.updateRoles({ userId: solo.id, roles: ["steward"] }));
    expect(demote.code).toBe("PRECONDITION_FAILED");
    expect(demote.message).toMatch(/last active admin/);
    const [row] = await db.select().from(users).where(eq(users.id, solo.id));
    expect(row!.roles).toEqual(["admin"]);
    expect((await eventsFor(getDb, solo.id)).filter((e) => e.action === "user.roles_changed")).toHaveLength(0);

    // Re-enable the other admin; now demoting one of the two is fine, and audited with before/after.
    await callerFor(db, solo).users.setDisabled({ userId: other.id, disabled: false });
    await callerFor(db, other).users.updateRoles({ userId: solo.id, roles: ["steward", "auditor"] });
    const [changed] = (await eventsFor(getDb, solo.id)).filter((e) => e.action === "user.roles_changed");
    expect(changed).toMatchObject({ before: { roles: ["admin"] }, after: { roles: ["steward", "auditor"] } });

    // Roles are read per request, so solo's next call is made with the new roles.
    const soloNow = { ...solo, roles: ["steward" as const, "auditor" as const] };
    const disableLast = await errorOf(callerFor(db, soloNow).users.setDisabled({ userId: other.id, disabled: true }));
    expect(disableLast.code).toBe("FORBIDDEN");
    const self = await errorOf(callerFor(db, other).users.setDisabled({ userId: other.id, disabled: true }));
    expect(self.code).toBe("PRECONDITION_FAILED");
  });

  it("two admins disabling each other at once leave one admin active", async () => {
    const db = getDb();
    await db.execute(sql`UPDATE users SET disabled_at = now() WHERE 'admin' = ANY(roles)`);
    const a = await makeUser(db, ["admin"]);
    const b = await makeUser(db, ["admin"]);
    const results = await Promise.allSettled([callerFor(db, a).users.setDisabled({ userId: b.id, disabled: true }), callerFor(db, b).users.setDisabled({ userId: a.id, disabled: true })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const activeAdmins = (await db.select().from(users)).filter((u) => u.roles.includes("admin") && !u.disabledAt);
    expect(activeAdmins).toHaveLength(1);
  });

  it("disabling a user ends their sessions at once", async () => {
    const admin = await makeUser(getDb(), ["admin"]);
    const m = await makeUser(getDb(), ["marketer"]);
    const { sessionId } = await signInWithPassword(getDb(), { email: m.email, password: TEST_PASSWORD }, { ip: "y", userAgent: null });
    expect(await resolveSession(getDb(), sessionId)).not.toBeNull();
    await callerFor(getDb(), admin).users.setDisabled({ userId: m.id, disabled: true, reason: "left the company" });
    expect(await resolveSession(getDb(), sessionId)).toBeNull();
    const [event] = (await eventsFor(getDb, m.id)).filter((e) => e.action === "user.disabled");
    expect(event).toMatchObject({ reason: "left the company", before: { disabled: false }, after: { disabled: true } });
  });
});

describeEachDb("first-run setup", (getDb) => {
  it("creates the first admin once, then refuses", async () => {
    const anon = callerFor(getDb(), null);
    expect(await anon.setup.status()).toEqual({ needsSetup: true });
    const short = await errorOf(anon.setup.createFirstAdmin({ email: "a@example.test", name: "A", password: "short" }));
    expect(short.code).toBe("BAD_REQUEST");
    expect(await anon.setup.status()).toEqual({ needsSetup: true });

    const results = await Promise.allSettled([
      anon.setup.createFirstAdmin({ email: "first@example.test", name: "First Admin", password: "first admin passphrase" }),
      anon.setup.createFirstAdmin({ email: "second@example.test", name: "Second", password: "second admin passphrase" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await anon.setup.status()).toEqual({ needsSetup: false });
    const all = await getDb().select().from(users);
    expect(all).toHaveLength(1);
    expect(all[0]!.roles).toEqual(["admin"]);
    // The first admin chose their own password, so it is not a temporary one.
    expect(all[0]!.mustChangePassword).toBe(false);
    const again = await errorOf(anon.setup.createFirstAdmin({ email: "late@example.test", name: "Late", password: "late admin passphrase" }));
    expect(again.code).toBe("PRECONDITION_FAILED");
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.action, "setup.completed"));
    expect(events).toHaveLength(1);
  });
});
