import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { webhookSettings } from "@/server/db/schema";

/** The admin's choice: may endpoints be on private, loopback or link-local addresses? Off unless set. */
export async function allowPrivateTargets(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select({ allow: webhookSettings.allowPrivateTargets }).from(webhookSettings).where(eq(webhookSettings.id, 1));
  return row?.allow ?? false;
}
