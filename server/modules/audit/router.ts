import { router, scopedProcedure } from "@/server/trpc/init";
import { listAuditInput } from "./schemas";
import { listAuditEvents } from "./service";

export const auditRouter = router({
  list: scopedProcedure("audit:read")
    .input(listAuditInput)
    .query(({ ctx, input }) => listAuditEvents(ctx.db, input)),
});
