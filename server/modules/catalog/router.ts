import { asc, isNull } from "drizzle-orm";
import { users } from "@/server/db/schema";
import { router, scopedProcedure } from "@/server/trpc/init";
import { actorOf } from "@/server/trpc/context";
import {
  byIdInput,
  createSegmentInput,
  createSignalInput,
  createSourceInput,
  diffInput,
  globalSearchInput,
  listSegmentsInput,
  listSignalsInput,
  pickSignalsInput,
  listSourcesInput,
  retireInput,
  updateSegmentInput,
  updateSignalInput,
  updateSourceInput,
} from "./schemas";
import * as segmentQueries from "./segments.queries";
import * as segmentWrites from "./segments.writes";
import * as signalsService from "./signals.service";
import * as sourcesService from "./sources.service";
import { globalSearch } from "./search.service";
import { pickSignals } from "./signal-picker";
import { previewConsentChange } from "@/server/modules/policy/propagation.service";
import { previewConsentInput, updateConsentsInput } from "@/server/modules/policy/schemas";

export const sourcesRouter = router({
  list: scopedProcedure("source:read")
    .input(listSourcesInput)
    .query(({ ctx, input }) => sourcesService.listSources(ctx.db, input)),
  byId: scopedProcedure("source:read")
    .input(byIdInput)
    .query(({ ctx, input }) => sourcesService.sourceById(ctx.db, input.id)),
  create: scopedProcedure("source:manage")
    .input(createSourceInput)
    .mutation(({ ctx, input }) => sourcesService.createSource(ctx.db, actorOf(ctx), input)),
  update: scopedProcedure("source:manage")
    .input(updateSourceInput)
    .mutation(({ ctx, input }) => sourcesService.updateSource(ctx.db, actorOf(ctx), input)),
  retire: scopedProcedure("source:manage")
    .input(retireInput)
    .mutation(({ ctx, input }) => sourcesService.setSourceRetired(ctx.db, actorOf(ctx), input, true)),
  restore: scopedProcedure("source:manage")
    .input(byIdInput)
    .mutation(({ ctx, input }) => sourcesService.setSourceRetired(ctx.db, actorOf(ctx), input, false)),
});

export const signalsRouter = router({
  list: scopedProcedure("signal:read")
    .input(listSignalsInput)
    .query(({ ctx, input }) => signalsService.listSignals(ctx.db, input)),
  byId: scopedProcedure("signal:read")
    .input(byIdInput)
    .query(({ ctx, input }) => signalsService.signalById(ctx.db, input.id)),
  /** The segment form's combobox: matches on name, key, source and category. */
  pick: scopedProcedure("signal:read")
    .input(pickSignalsInput)
    .query(({ ctx, input }) => pickSignals(ctx.db, input)),
  create: scopedProcedure("signal:manage")
    .input(createSignalInput)
    .mutation(({ ctx, input }) => signalsService.createSignal(ctx.db, actorOf(ctx), input)),
  update: scopedProcedure("signal:manage")
    .input(updateSignalInput)
    .mutation(({ ctx, input }) => signalsService.updateSignal(ctx.db, actorOf(ctx), input)),
  /** What-if: segments and channels that would gain blocking findings; writes nothing. */
  previewConsentChange: scopedProcedure("signal:consent")
    .input(previewConsentInput)
    .query(({ ctx, input }) => previewConsentChange(ctx.db, input.id, input.consents)),
  updateConsents: scopedProcedure("signal:consent")
    .input(updateConsentsInput)
    .mutation(({ ctx, input }) => signalsService.updateSignalConsents(ctx.db, actorOf(ctx), input)),
  retire: scopedProcedure("signal:manage")
    .input(retireInput)
    .mutation(({ ctx, input }) => signalsService.setSignalRetired(ctx.db, actorOf(ctx), input, true)),
  restore: scopedProcedure("signal:manage")
    .input(byIdInput)
    .mutation(({ ctx, input }) => signalsService.setSignalRetired(ctx.db, actorOf(ctx), input, false)),
});

export const segmentsRouter = router({
  list: scopedProcedure("segment:read")
    .input(listSegmentsInput)
    .query(({ ctx, input }) => segmentQueries.listSegments(ctx.db, input)),
  byId: scopedProcedure("segment:read")
    .input(byIdInput)
    .query(({ ctx, input }) => segmentQueries.segmentForViewer(ctx.db, ctx.user, input.id)),
  history: scopedProcedure("segment:read")
    .input(byIdInput)
    .query(({ ctx, input }) => segmentQueries.segmentHistory(ctx.db, input.id)),
  diff: scopedProcedure("segment:read")
    .input(diffInput)
    .query(({ ctx, input }) => segmentQueries.segmentDiff(ctx.db, input)),
  /** Active users a segment can be assigned to, for the owner picker. */
  owners: scopedProcedure("segment:read").query(({ ctx }) =>
    ctx.db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(isNull(users.disabledAt)).orderBy(asc(users.name)),
  ),
  create: scopedProcedure("segment:create")
    .input(createSegmentInput)
    .mutation(({ ctx, input }) => segmentWrites.createSegment(ctx.db, ctx.user, actorOf(ctx), input)),
  update: scopedProcedure("segment:edit")
    .input(updateSegmentInput)
    .mutation(({ ctx, input }) => segmentWrites.updateSegment(ctx.db, ctx.user, actorOf(ctx), input)),
});

export const searchRouter = router({
  global: scopedProcedure("segment:read")
    .input(globalSearchInput)
    .query(({ ctx, input }) => globalSearch(ctx.db, input.q)),
});
