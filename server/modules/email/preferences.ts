import { inTransaction } from "@/server/db/transaction";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { emailPreferences } from "@/server/db/schema";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { invalid } from "@/server/errors";
import type { SessionUser } from "@/server/auth/identity";
import { EMAIL_KIND_INFO, emailKindsFor, type EmailKind } from "@/domain/email-kinds";
import { mailSettings } from "./transport";

/** The kinds of e-mail this person's roles receive, each with their choice (on unless turned off). */
export async function preferencesOf(db: Db, user: SessionUser) {
  const rows = await db.select().from(emailPreferences).where(eq(emailPreferences.userId, user.id));
  const chosen = new Map(rows.map((r) => [r.kind, r.enabled]));
  return {
    /** False when STEWARD_SMTP_URL is unset: choices are kept but nothing is sent. */
    mailOn: mailSettings() !== null,
    address: user.email,
    kinds: emailKindsFor(user.roles).map((kind) => ({ kind, label: EMAIL_KIND_INFO[kind].label, description: EMAIL_KIND_INFO[kind].description, enabled: chosen.get(kind) ?? true })),
  };
}

/** Turns one kind on or off for the caller; the change and its audit event share one transaction. */
export async function setPreference(db: Db, user: SessionUser, actor: AuditActor, input: { kind: EmailKind; enabled: boolean }) {
  if (!emailKindsFor(user.roles).includes(input.kind)) throw invalid(`Your roles do not receive “${EMAIL_KIND_INFO[input.kind].label}” e-mails.`, "kind");
  return inTransaction(db, async (tx) => {
    const [before] = await tx
      .select({ enabled: emailPreferences.enabled })
      .from(emailPreferences)
      .where(and(eq(emailPreferences.userId, user.id), eq(emailPreferences.kind, input.kind)))
      .for("update");
    const was = before?.enabled ?? true;
    if (was === input.enabled) return { kind: input.kind, enabled: was };
    await tx
      .insert(emailPreferences)
      .values({ userId: user.id, kind: input.kind, enabled: input.enabled })
      .onConflictDoUpdate({ target: [emailPreferences.userId, emailPreferences.kind], set: { enabled: input.enabled, updatedAt: sql`now()` } });
    await recordAudit(tx, {
      actor,
      action: "email.preference_changed",
      entityType: "user",
      entityId: user.id,
      before: { kind: input.kind, enabled: was },
      after: { kind: input.kind, enabled: input.enabled },
    });
    return { kind: input.kind, enabled: input.enabled };
  });
}
