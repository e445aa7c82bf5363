import { and, eq, isNull, sql } from "drizzle-orm";
import { uuidArray } from "@/server/db/arrays";
import type { DbOrTx } from "@/server/db/client";
import { emailOutbox, emailPreferences, users } from "@/server/db/schema";
import { mailSettings } from "./transport";
import type { RenderedEmail } from "./render";

/**
 * Queues an e-mail for each recipient, in the caller's transaction: it commits or rolls back
 * with the change it tells about. Skips people who are disabled or turned this kind off, and
 * writes nothing while e-mail is off (no STEWARD_SMTP_URL), so turning it on later does not
 * send a backlog of stale news. Returns how many were queued.
 */
export async function enqueueEmail(tx: DbOrTx, userIds: Array<string | null | undefined>, render: (baseUrl: string) => RenderedEmail): Promise<number> {
  const settings = mailSettings();
  const ids = [...new Set(userIds.filter((u): u is string => Boolean(u)))];
  if (!settings || ids.length === 0) return 0;
  const message = render(settings.baseUrl);
  const recipients = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .leftJoin(emailPreferences, and(eq(emailPreferences.userId, users.id), eq(emailPreferences.kind, message.kind)))
    .where(and(sql`${users.id} = ANY(${uuidArray(ids)})`, isNull(users.disabledAt), sql`coalesce(${emailPreferences.enabled}, true)`));
  if (recipients.length === 0) return 0;
  await tx.insert(emailOutbox).values(recipients.map((r) => ({ kind: message.kind, userId: r.id, toAddress: r.email, subject: message.subject, text: message.text, html: message.html })));
  return recipients.length;
}
