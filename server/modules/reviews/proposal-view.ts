import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { consentPurposes, segments, type reviewRequests } from "@/server/db/schema";
import { currentPolicy } from "@/server/modules/policy/settings.service";
import { proposalRows, reviewPayload, type InForce, type ProposalRow, type ReviewPayload } from "@/domain/review-proposals";

/**
 * What a request proposes against what was in force when it was made, in words, for the review
 * page; null for requests that propose nothing (segment approvals, re-certifications).
 */
export async function proposalOf(db: DbOrTx, r: typeof reviewRequests.$inferSelect): Promise<{ payload: ReviewPayload; rows: ProposalRow[]; currentVersion: number | null } | null> {
  const parsed = reviewPayload.safeParse(r.payload);
  if (!parsed.success) return null;
  const payload = parsed.data;
  const inForce = ((r.subjectSnapshot as { inForce?: InForce } | null)?.inForce ?? null) as InForce | null;
  const keys = [...purposeKeysIn(payload), ...(inForce?.purposeKeys ?? []), ...(inForce?.channel?.requiredPurposeKey ? [inForce.channel.requiredPurposeKey] : [])];
  const names = keys.length
    ? new Map(
        (
          await db
            .select({ key: consentPurposes.key, name: consentPurposes.name })
            .from(consentPurposes)
            .where(inArray(consentPurposes.key, [...new Set(keys)]))
        ).map((p) => [p.key, p.name]),
      )
    : new Map<string, string>();
  return { payload, rows: proposalRows(payload, inForce, (k) => names.get(k) ?? k), currentVersion: await currentVersionOf(db, r) };
}

/** The version of the pinned subject now, to say when the request has fallen behind it (stalePin). */
async function currentVersionOf(db: DbOrTx, r: typeof reviewRequests.$inferSelect): Promise<number | null> {
  if (r.subjectType === "policy") return (await currentPolicy(db)).version;
  if (r.subjectType !== "segment" || !r.subjectId) return null;
  const [seg] = await db.select({ version: segments.version }).from(segments).where(eq(segments.id, r.subjectId));
  return seg?.version ?? null;
}

function purposeKeysIn(p: ReviewPayload): string[] {
  if (p.type === "data_use") return p.purposeKeys;
  if (p.type === "channel_rule" && p.rule.kind === "allowed_purposes") return p.rule.purposeKeys;
  return [];
}
