import { RECENT_USAGE_DAYS } from "@/domain/activation-usage";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { segments } from "@/server/db/schema";
import { serverEnv } from "@/server/env";
import { notFound } from "@/server/errors";
import { utcDay } from "@/domain/dates";
import { recentDenials, toolsAsking, toolUsage } from "./queries";

/** "Recent" in the Used-by panel, impact analysis and the consent what-if. */
export const RECENT_DAYS = RECENT_USAGE_DAYS;
/** Most tool × channel rows and denials the panel shows. */
const TOOL_LIMIT = 100;
const DENIAL_LIMIT = 20;

/** The first UTC day of the recent period ending at `now` (today counts as one of its days). */
export const recentSince = (now: Date, days = RECENT_DAYS) => utcDay(new Date(now.getTime() - (days - 1) * 86_400_000));

/**
 * Who uses a segment: per tool (an API token, by name) and channel, when it last asked and how
 * often it was allowed and denied in the last RECENT_DAYS and in all; then its latest denials
 * with their reasons. Counts include what the gate's recorder has flushed (about a second behind).
 */
export async function segmentUsage(db: DbOrTx, segmentId: string, now = new Date()) {
  const [segment] = await db.select({ id: segments.id }).from(segments).where(eq(segments.id, segmentId));
  if (!segment) throw notFound("That segment");
  const [tools, denials] = await Promise.all([toolUsage(db, segmentId, recentSince(now), TOOL_LIMIT), recentDenials(db, segmentId, DENIAL_LIMIT)]);
  return {
    recentDays: RECENT_DAYS,
    denialLogDays: serverEnv().decisionLogDays,
    denialLimit: DENIAL_LIMIT,
    tools: tools.map((t) => ({ ...t, revoked: t.revokedAt !== null })),
    denials,
  };
}

export interface AskingTool {
  name: string;
  channel: string;
  lastAskedAt: Date;
}

/**
 * Per segment, the tools (tokens not revoked) the gate allowed to use it on a channel in the last
 * RECENT_DAYS: the ones a change that blocks the segment will start denying. Segments no tool
 * uses are absent.
 */
export async function toolsAskingAbout(db: DbOrTx, segmentIds: readonly string[], now = new Date()): Promise<Map<string, AskingTool[]>> {
  const rows = await toolsAsking(db, segmentIds, recentSince(now));
  const out = new Map<string, AskingTool[]>();
  for (const r of rows) {
    const list = out.get(r.segmentId) ?? [];
    list.push({ name: r.tokenName, channel: r.channel, lastAskedAt: r.lastAskedAt });
    out.set(r.segmentId, list);
  }
  return out;
}
