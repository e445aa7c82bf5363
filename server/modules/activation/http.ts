import { z } from "zod";
import type { Db } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { HttpError } from "@/server/http/errors";
import { touchToken } from "@/server/modules/lineage/tokens.service";
import { decideMany, decideOne, type Decided } from "./service";
import { decisionBatchAnswer, decisionBatchBody, decisionQuery, decisionSchema, MAX_BATCH_DECISIONS, segmentKeyParams } from "./schemas";
import { installDecisionRecorder } from "./usage";
import { reportDecisions } from "./usage-hook";

// This module graph (the route bundles) feeds the process's one usage buffer (usage.ts).
installDecisionRecorder();

const record = (db: Db, tokenId: string, decided: Decided[], at: Date) =>
  reportDecisions(
    db,
    decided.map(({ answer, segmentId }) => ({ tokenId, segmentId, segmentKey: answer.segment.key, channel: answer.channel, allowed: answer.allowed, reasons: answer.reasons, at })),
  );

/**
 * GET /api/v1/segments/{key}/decision?channel=email[&purpose=marketing.email]: may this segment
 * run on this channel now? (token scope activation:read). 404 for an unknown key, 400 naming a
 * bad or unknown channel or purpose. The token's "last used" is kept to the minute (touchToken
 * writes at most once a minute per token and process), so a busy caller costs no write per call.
 */
export const decisionGet = apiRoute(
  {
    method: "GET",
    path: "/api/v1/segments/{key}/decision",
    tag: "Activation",
    summary: "May this segment run on this channel now?",
    description:
      "The activation gate. `allowed` is true only when the segment is active, the channel (and the purpose, if named) is declared by the version in force, no blocking finding of that version lacks an unexpired exception, no consent changed upstream, and re-certification is not overdue. Every failed condition is a reason with a stable `code` and a message. Reads the state committed when the request arrives; nothing is cached.",
    scope: "activation:read",
    params: segmentKeyParams,
    notFound: "That segment",
    query: decisionQuery,
    responses: { 200: { description: "The decision, with every reason that denies it.", schema: decisionSchema } },
    errors: { 400: "`channel` is missing or not a channel, `purpose` is not a purpose key, or the query has another parameter; `field` names it.", 404: "No segment has this key." },
    example: { params: { key: "frequent_buyers" }, query: { channel: "email", purpose: "marketing.email" } },
  },
  async ({ db, params, query, token }) => {
    const now = new Date();
    const [decided] = await Promise.all([decideOne(db, params.key, query, now), touchToken(db, token.id)]);
    record(db, token.id, [decided], now);
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
export const decisionsPost = apiRoute(
  {
    method: "POST",
    path: "/api/v1/decisions",
    tag: "Activation",
    summary: "Many decisions in one call",
    description: `Up to ${MAX_BATCH_DECISIONS} \`{segment, channel, purpose?}\` pairs, answered in the same order, each as the single decision answers it, all read in one statement. A key that names no segment is answered \`allowed: false\` with the reason \`segment_unknown\` rather than failing the batch.`,
    scope: "activation:read",
    body: decisionBatchBody,
    precheck: countBatch,
    responses: { 200: { description: "One answer per pair, in the order asked.", schema: decisionBatchAnswer } },
    errors: { 413: `More than ${MAX_BATCH_DECISIONS} pairs (counted before any work), or a body larger than the limit.` },
    example: {
      body: {
        decisions: [
          { segment: "frequent_buyers", channel: "email" },
          { segment: "lapsed_customers", channel: "sms", purpose: "marketing.sms" },
        ],
      },
    },
  },
  async ({ db, body, token }) => {
    const now = new Date();
    const [decided] = await Promise.all([decideMany(db, body.decisions, now), touchToken(db, token.id)]);
    record(db, token.id, decided, now);
    return Response.json({ decisions: decided.map((d) => d.answer) }, { headers: { "cache-control": "no-store" } });
  },
);

/** GET /api/v1/ping: does nothing but authenticate (any valid token), for clients' health checks and the gate bench's baseline. */
export const pingGet = apiRoute(
  {
    method: "GET",
    path: "/api/v1/ping",
    tag: "Reference",
    summary: "Check a token",
    description: "Does nothing but authenticate: any valid token gets `{ ok: true }`. For integrations' health checks.",
    scope: null,
    responses: { 200: { description: "The token is valid.", schema: z.object({ ok: z.literal(true) }) } },
  },
  async () => Response.json({ ok: true }, { headers: { "cache-control": "no-store" } }),
);
