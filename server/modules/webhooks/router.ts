import { z } from "zod";
import { textField } from "@/domain/text";
import { WEBHOOK_EVENTS } from "@/domain/webhook-events";
import { router, scopedProcedure } from "@/server/trpc/init";
import { actorOf } from "@/server/trpc/context";
import { createEndpoint, deleteEndpoint, endpointDetail, listEndpoints, rotateSecret, sendTestEvent, setAllowPrivateTargets, setEndpointEnabled, webhookSettingsOf } from "./service";

const byId = z.strictObject({ id: z.uuid() });

export const webhooksRouter = router({
  list: scopedProcedure("webhook:manage").query(({ ctx }) => listEndpoints(ctx.db)),
  byId: scopedProcedure("webhook:manage")
    .input(byId)
    .query(({ ctx, input }) => endpointDetail(ctx.db, input.id)),
  create: scopedProcedure("webhook:manage")
    .input(
      z.strictObject({
        url: textField(2000).min(1, "Enter the endpoint's address."),
        events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, "Choose at least one event."),
        description: textField(200).default(""),
      }),
    )
    .mutation(({ ctx, input }) => createEndpoint(ctx.db, actorOf(ctx), input)),
  setEnabled: scopedProcedure("webhook:manage")
    .input(byId.extend({ enabled: z.boolean() }))
    .mutation(({ ctx, input }) => setEndpointEnabled(ctx.db, actorOf(ctx), input.id, input.enabled)),
  rotateSecret: scopedProcedure("webhook:manage")
    .input(byId)
    .mutation(({ ctx, input }) => rotateSecret(ctx.db, actorOf(ctx), input.id)),
  delete: scopedProcedure("webhook:manage")
    .input(byId)
    .mutation(({ ctx, input }) => deleteEndpoint(ctx.db, actorOf(ctx), input.id)),
  sendTest: scopedProcedure("webhook:manage")
    .input(byId)
    .mutation(({ ctx, input }) => sendTestEvent(ctx.db, actorOf(ctx), input.id)),
  settings: scopedProcedure("webhook:manage").query(({ ctx }) => webhookSettingsOf(ctx.db)),
  setAllowPrivate: scopedProcedure("webhook:manage")
    .input(z.strictObject({ allow: z.boolean() }))
    .mutation(({ ctx, input }) => setAllowPrivateTargets(ctx.db, actorOf(ctx), input.allow)),
});
