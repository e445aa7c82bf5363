import { tokenRoute } from "@/server/http/route";
import { HttpError } from "@/server/http/errors";
import { touchToken } from "@/server/modules/lineage/tokens.service";
import { decideMany, decideOne, type Decided } from "./service";
import { decisionBatchBody, decisionQuery, MAX_BATCH_DECISIONS, segmentKeyParams } from "./schemas";
import { installDecisionRecorder } from "./usage";
import { reportDecisions } from "./usage-hook";

// This module graph (the route bundles) feeds the process's one usage buffer (usage.ts).
installDecisionRecorder();

const record = (tokenId: string, decided: Decided[], at: Date) =>
  reportDecisions(
    decided.map(({ answer, segmentId }) => ({ tokenId, segmentId, segmentKey: answer.segment.key, channel: answer.channel, allowed: answer.allowed, reasons: answer.reasons, at })),
  );

/**
 * GET /api/v1/segments/{key}/decision?channel=email[&purpose=marketing.email]: may this segment
 * run on this channel now? (token scope activation:read). 404 for an unknown key, 400 naming a
 * bad or unknown channel or purpose. The token's "last used" is kept to the minute (touchToken
 * writes at most once a minute per token and process), so a busy caller costs no write per call.
 */
export const decisionGet = tokenRoute(
  "activation decision",
  "activation:read",
  { params: segmentKeyParams, notFound: "That segment", query: decisionQuery },
  async ({ db, params, query, token }) => {
    const now = new Date();
    const [decided] = await Promise.all([decideOne(db, params.key, query, now), touchToken(db, token.id)]);
    record(token.id, [decided], now);
    return Response.json(decided.answer, { headers: { "cache-control": "no-store" } });
  },
);

/** More than MAX_BATCH_DECISIONS pairs is a 413, counted before the schema walks the items or any query runs. */
function countBatch(raw: unknown) {
  const items = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as { decisions?: unknown }).decisions : undefined;
  if (Array.isArray(items) && items.length > MAX_BATCH_DECISIONS) {
    throw new HttpError(413, "PAYLOAD_TOO_LARGE", `decisions: at most ${MAX_BATCH_DECISIONS} pairs per call (${items.length} sent); split the batch.`, "decisions");
  }
}

/**
 * POST /api/v1/decisions with `{ "decisions": [{ "segment", "channel", "purpose"? }, …] }`: up to
 * 1,000 pairs answered in the same order, read in one statement. A key that names no segment is
 * answered allowed:false with reason segment_unknown rather than failing the batch.
 */
export const decisionsPost = tokenRoute("activation decisions", "activation:read", { body: decisionBatchBody, precheck: countBatch }, async ({ db, body, token }) => {
  const now = new Date();
  const [decided] = await Promise.all([decideMany(db, body.decisions, now), touchToken(db, token.id)]);
  record(token.id, decided, now);
  return Response.json({ decisions: decided.map((d) => d.answer) }, { headers: { "cache-control": "no-store" } });
});

/** GET /api/v1/ping: does nothing but authenticate (any valid token), for clients' health checks and the gate bench's baseline. */
export const pingGet = tokenRoute("ping", null, {}, async () => Response.json({ ok: true }, { headers: { "cache-control": "no-store" } }));
