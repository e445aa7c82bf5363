import { isNull, sql } from "drizzle-orm";
import { consentPurposes, dataCategories, users } from "@/server/db/schema";
import { router, scopedProcedure } from "@/server/trpc/init";
import { catalogIsEmpty } from "@/server/modules/catalog/sample/status";

export const dashboardRouter = router({
  summary: scopedProcedure("dashboard:read").query(async ({ ctx }) => {
    const count = sql<number>`count(*)::int`;
    const [[u], [p], [c], [s], empty] = await Promise.all([
      ctx.db.select({ n: count }).from(users).where(isNull(users.disabledAt)),
      ctx.db.select({ n: count }).from(consentPurposes).where(isNull(consentPurposes.retiredAt)),
      ctx.db.select({ n: count }).from(dataCategories).where(isNull(dataCategories.retiredAt)),
      ctx.db
        .select({ n: count })
        .from(dataCategories)
        .where(sql`${dataCategories.retiredAt} IS NULL AND ${dataCategories.isSpecialCategory}`),
      catalogIsEmpty(ctx.db),
    ]);
    return {
      activeUsers: u?.n ?? 0,
      consentPurposes: p?.n ?? 0,
      dataCategories: c?.n ?? 0,
      specialCategories: s?.n ?? 0,
      /** No source, signal or segment yet: the dashboard offers the sample workspace. */
      catalogEmpty: empty,
    };
  }),
});
