import { eq, inArray } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditEvents, webhookEndpoints } from "@/server/db/schema";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser, errorOf } from "@/server/testing/fixtures";
import type { SessionUser } from "@/server/auth/identity";

describeEachDb("webhook endpoints (admin)", (getDb) => {
  let admin: SessionUser;
  beforeAll(async () => {
    admin = await makeUser(getDb(), ["admin"]);
  });

  it("refuses loopback, private and metadata addresses until an admin allows private targets, and audits the setting", async () => {
    const api = callerFor(getDb(), admin).webhooks;
    for (const url of ["http://127.0.0.1:8080/hook", "http://169.254.169.254/", "http://[::1]/", "http://localhost/hook", "http://192.168.0.10/"]) {
      const err = await errorOf(api.create({ url, events: ["segment.paused"] }));
      expect(err.code).toBe("BAD_REQUEST");
      expect(err.message).toMatch(/loopback, private or link-local/);
    }
    expect((await errorOf(api.create({ url: "gopher://example.com/", events: ["segment.paused"] }))).message).toMatch(/Only http/);
    expect(await api.settings()).toEqual({ allowPrivateTargets: false });
    await api.setAllowPrivate({ allow: true });
    const created = await api.create({ url: "http://127.0.0.1:8080/hook", events: ["segment.paused"] });
    expect(created.secret).toMatch(/^whsec_/);
    const [audit] = await getDb().select().from(auditEvents).where(eq(auditEvents.action, "webhook.settings_changed"));
    expect(audit).toMatchObject({ before: { allowPrivateTargets: false }, after: { allowPrivateTargets: true } });
    await api.setAllowPrivate({ allow: false });
  });

  it("shows the secret once: never in the list or the detail; rotation replaces it; every change is audited", async () => {
    const api = callerFor(getDb(), admin).webhooks;
    await api.setAllowPrivate({ allow: true });
    const { id, secret } = await api.create({ url: "http://127.0.0.1:9/a", events: ["segment.activated", "segment.retired"], description: "CDP sync" });
    const listed = (await api.list()).find((e) => e.id === id)!;
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(listed).toMatchObject({ url: "http://127.0.0.1:9/a", events: ["segment.activated", "segment.retired"], enabled: true, secretPrefix: secret.slice(0, 12) });
    expect(JSON.stringify(await api.byId({ id }))).not.toContain(secret);
    const rotated = await api.rotateSecret({ id });
    expect(rotated.secret).not.toBe(secret);
    const [row] = await getDb().select({ secret: webhookEndpoints.secret }).from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    expect(row!.secret).toBe(rotated.secret);
    await api.setEnabled({ id, enabled: false });
    expect((await api.list()).find((e) => e.id === id)!.enabled).toBe(false);
    expect((await errorOf(api.sendTest({ id }))).message).toMatch(/Enable the endpoint first/);
    await api.delete({ id });
    expect((await errorOf(api.byId({ id }))).code).toBe("NOT_FOUND");
    const trail = await getDb()
      .select({ action: auditEvents.action, before: auditEvents.before, after: auditEvents.after })
      .from(auditEvents)
      .where(inArray(auditEvents.entityId, [id]))
      .orderBy(auditEvents.seq);
    expect(trail.map((t) => t.action)).toEqual(["webhook.created", "webhook.secret_rotated", "webhook.disabled", "webhook.deleted"]);
    // The audit trail knows a secret by its prefix only.
    expect(JSON.stringify(trail)).not.toContain(secret);
    expect(JSON.stringify(trail)).not.toContain(rotated.secret);
  });

  it("names the field of a bad registration", async () => {
    const api = callerFor(getDb(), admin).webhooks;
    const noEvents = await errorOf(api.create({ url: "https://example.com/hook", events: [] }));
    expect(noEvents.code).toBe("BAD_REQUEST");
    expect(noEvents.message).toMatch(/Choose at least one event/);
  });
});
