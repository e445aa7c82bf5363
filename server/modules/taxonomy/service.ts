import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "@/server/db/client";
import { consentPurposes, dataCategories } from "@/server/db/schema";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { invalid, notFound, preconditionFailed } from "@/server/errors";
import type { createCategoryInput, createPurposeInput, retireInput, restoreInput, updateCategoryInput, updatePurposeInput } from "./schemas";
import { inTransaction } from "@/server/db/transaction";

// Purposes and categories are referenced by signals and segments once those exist, so they are
// retired (hidden from new use, kept for history), never deleted.

export function listPurposes(db: Db, includeRetired: boolean) {
  return db
    .select()
    .from(consentPurposes)
    .where(includeRetired ? undefined : isNull(consentPurposes.retiredAt))
    .orderBy(sql`${consentPurposes.tcfPurposeId} NULLS LAST`, asc(consentPurposes.name));
}

async function purposeForUpdate(tx: Tx, id: string) {
  const [row] = await tx.select().from(consentPurposes).where(eq(consentPurposes.id, id)).for("no key update");
  if (!row) throw notFound("That consent purpose");
  return row;
}

export async function createPurpose(db: Db, actor: AuditActor, input: z.infer<typeof createPurposeInput>) {
  return inTransaction(db, async (tx) => {
    // A taken key is a unique violation, answered as a conflict on `key` (server/errors.ts).
    const [row] = await tx.insert(consentPurposes).values(input).returning();
    await recordAudit(tx, { actor, action: "purpose.created", entityType: "consent_purpose", entityId: row!.id, after: row });
    return row!;
  });
}

export async function updatePurpose(db: Db, actor: AuditActor, input: z.infer<typeof updatePurposeInput>) {
  return inTransaction(db, async (tx) => {
    const before = await purposeForUpdate(tx, input.id);
    const { id, ...changes } = input;
    const [after] = await tx
      .update(consentPurposes)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(consentPurposes.id, id))
      .returning();
    await recordAudit(tx, { actor, action: "purpose.updated", entityType: "consent_purpose", entityId: id, before, after });
    return after!;
  });
}

export async function setPurposeRetired(db: Db, actor: AuditActor, input: z.infer<typeof retireInput> | z.infer<typeof restoreInput>, retire: boolean) {
  return inTransaction(db, async (tx) => {
    const before = await purposeForUpdate(tx, input.id);
    if (Boolean(before.retiredAt) === retire) {
      throw preconditionFailed(retire ? "This purpose is already retired." : "This purpose is not retired.");
    }
    const [after] = await tx
      .update(consentPurposes)
      .set({ retiredAt: retire ? sql`now()` : null, updatedAt: sql`now()` })
      .where(eq(consentPurposes.id, input.id))
      .returning();
    await recordAudit(tx, {
      actor,
      action: retire ? "purpose.retired" : "purpose.restored",
      entityType: "consent_purpose",
      entityId: input.id,
      before,
      after,
      reason: "reason" in input ? input.reason : null,
    });
    return after!;
  });
}

export function listCategories(db: Db, includeRetired: boolean) {
  const parent = sql`(SELECT p.key FROM data_categories p WHERE p.id = ${dataCategories.parentId})`;
  return db
    .select({
      id: dataCategories.id,
      key: dataCategories.key,
      name: dataCategories.name,
      description: dataCategories.description,
      parentKey: sql<string | null>`${parent}`,
      defaultSensitivity: dataCategories.defaultSensitivity,
      isSpecialCategory: dataCategories.isSpecialCategory,
      retiredAt: dataCategories.retiredAt,
    })
    .from(dataCategories)
    .where(includeRetired ? undefined : isNull(dataCategories.retiredAt))
    .orderBy(asc(dataCategories.key));
}

async function categoryForUpdate(tx: Tx, id: string) {
  const [row] = await tx.select().from(dataCategories).where(eq(dataCategories.id, id)).for("no key update");
  if (!row) throw notFound("That data category");
  return row;
}

export async function createCategory(db: Db, actor: AuditActor, input: z.infer<typeof createCategoryInput>) {
  return inTransaction(db, async (tx) => {
    // The parent follows from the dotted key: user.contact.email sits under user.contact.
    const dot = input.key.lastIndexOf(".");
    let parentId: string | null = null;
    if (dot > 0) {
      const parentKey = input.key.slice(0, dot);
      const [parent] = await tx.select().from(dataCategories).where(eq(dataCategories.key, parentKey));
      if (!parent) throw invalid(`There is no parent category "${parentKey}". Create it first.`, "key");
      if (parent.retiredAt) throw invalid(`The parent category "${parentKey}" is retired.`, "key");
      parentId = parent.id;
    }
    const [row] = await tx
      .insert(dataCategories)
      .values({ ...input, parentId })
      .returning();
    await recordAudit(tx, { actor, action: "category.created", entityType: "data_category", entityId: row!.id, after: row });
    return row!;
  });
}

export async function updateCategory(db: Db, actor: AuditActor, input: z.infer<typeof updateCategoryInput>) {
  return inTransaction(db, async (tx) => {
    const before = await categoryForUpdate(tx, input.id);
    const { id, ...changes } = input;
    const [after] = await tx
      .update(dataCategories)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(dataCategories.id, id))
      .returning();
    await recordAudit(tx, { actor, action: "category.updated", entityType: "data_category", entityId: id, before, after });
    return after!;
  });
}

export async function setCategoryRetired(db: Db, actor: AuditActor, input: z.infer<typeof retireInput> | z.infer<typeof restoreInput>, retire: boolean) {
  return inTransaction(db, async (tx) => {
    const before = await categoryForUpdate(tx, input.id);
    if (Boolean(before.retiredAt) === retire) {
      throw preconditionFailed(retire ? "This category is already retired." : "This category is not retired.");
    }
    if (retire) {
      const [child] = await tx
        .select({ key: dataCategories.key })
        .from(dataCategories)
        .where(and(eq(dataCategories.parentId, before.id), isNull(dataCategories.retiredAt)))
        .limit(1);
      if (child) throw preconditionFailed(`Retire its sub-categories first (for example "${child.key}").`);
    } else if (before.parentId) {
      const [parent] = await tx.select().from(dataCategories).where(eq(dataCategories.id, before.parentId));
      if (parent?.retiredAt) throw preconditionFailed(`Restore its parent "${parent.key}" first.`);
    }
    const [after] = await tx
      .update(dataCategories)
      .set({ retiredAt: retire ? sql`now()` : null, updatedAt: sql`now()` })
      .where(eq(dataCategories.id, input.id))
      .returning();
    await recordAudit(tx, {
      actor,
      action: retire ? "category.retired" : "category.restored",
      entityType: "data_category",
      entityId: input.id,
      before,
      after,
      reason: "reason" in input ? input.reason : null,
    });
    return after!;
  });
}
