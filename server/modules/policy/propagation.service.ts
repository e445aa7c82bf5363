import { toolsAskingAbout, type AskingTool } from "@/server/modules/activation/usage/report";
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/server/db/client";
import { consentPurposes, segments, segmentVersions } from "@/server/db/schema";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { diffFindings } from "@/server/policy/diff";
import { evaluate } from "@/server/policy/engine";
import type { Finding, Severity } from "@/server/policy/types";
import type { LawfulBasis, Sensitivity } from "@/domain/vocab";
import { allSegmentIds, evaluateAndStore, segmentsDownstreamOfSignals } from "./evaluation.service";
import { loadPolicyInputs } from "./inputs";
import { currentPolicy } from "./settings.service";
import { enqueueSegmentEvent } from "@/server/modules/webhooks/outbox";

/** An active segment that became blocked by a change upstream: it needs a re-review. */
export interface FlaggedSegment {
  id: string;
  name: string;
  version: number;
  sensitivity: Sensitivity;
  authorId: string | null;
  findingCount: number;
}

/**
 * After a signal's consent (or its source's jurisdictions) changed: re-evaluates every segment
 * downstream in the caller's transaction, and flags active segments that became blocked. The
 * re-reviews they need are opened by reviews/re-review.ts, which calls this.
 */
export async function propagateSignalChange(tx: Tx, actor: AuditActor, signalIds: string[], what: string): Promise<{ reevaluated: number; flagged: FlaggedSegment[] }> {
  const affected = await segmentsDownstreamOfSignals(tx, signalIds);
  if (affected.length === 0) return { reevaluated: 0, flagged: [] };
  const results = await evaluateAndStore(tx, affected);
  const blocked = new Set(results.filter((r) => r.findings.some((f) => f.severity === "block")).map((r) => r.segmentId));
  const active = await tx
    .select({
      id: segments.id,
      name: segments.name,
      flagged: segments.consentChangedUpstream,
      version: segments.version,
      sensitivity: segments.sensitivity,
      headVersionId: segments.headVersionId,
    })
    .from(segments)
    .where(and(inArray(segments.id, affected), eq(segments.status, "active")));
  const newlyBlocked = active.filter((s) => blocked.has(s.id) && !s.flagged);
  const flagged: FlaggedSegment[] = [];
  if (newlyBlocked.length) {
    await tx
      .update(segments)
      .set({ consentChangedUpstream: true })
      .where(
        inArray(
          segments.id,
          newlyBlocked.map((s) => s.id),
        ),
      );
    for (const s of newlyBlocked) {
      await recordAudit(tx, {
        actor,
        action: "segment.consent_changed_upstream",
        entityType: "segment",
        entityId: s.id,
        after: { consentChangedUpstream: true },
        reason: what,
      });
      const blocking = results.find((r) => r.segmentId === s.id)?.findings.filter((f) => f.severity === "block") ?? [];
      await enqueueSegmentEvent(tx, "segment.blocked", s.id, [
        { code: "consent_changed_upstream", message: `Consent changed upstream (${what}); the segment needs a re-review.` },
        ...blocking.map((f) => ({ code: "blocking_finding", message: `${f.title}: ${f.message}` })),
      ]);
      const [author] = await tx.select({ id: segmentVersions.createdById }).from(segmentVersions).where(eq(segmentVersions.id, s.headVersionId!));
      flagged.push({
        id: s.id,
        name: s.name,
        version: s.version,
        sensitivity: s.sensitivity,
        authorId: author?.id ?? null,
        findingCount: results.find((r) => r.segmentId === s.id)?.findings.length ?? 1,
      });
    }
  }
  return { reevaluated: affected.length, flagged };
}

/** A finding as the what-if shows it. */
export interface PreviewFinding {
  policyKey: string;
  severity: Severity;
  title: string;
  message: string;
}

/** A finding both before and after, with the signals it stops or starts blaming. */
export interface PreviewStillThere extends PreviewFinding {
  noLongerBlames: string[];
  nowBlames: string[];
}

export interface ConsentPreview {
  segmentId: string;
  name: string;
  status: string;
  channels: string[];
  added: PreviewFinding[];
  cleared: PreviewFinding[];
  unchanged: PreviewStillThere[];
  /** The tools the gate allowed to use it in the last 30 days, which it will start denying. */
  tools: AskingTool[];
}

const shown = (f: Finding): PreviewFinding => ({ policyKey: f.policyKey, severity: f.severity, title: f.title, message: f.message });

/**
 * What-if: for each segment downstream of this signal whose findings would change if its consent
 * provenance became `consents`, the findings added, cleared and still there (matched by check and
 * subject, see `diffFindings`). Segments where nothing changes are left out. Reads only.
 */
export async function previewConsentChange(db: DbOrTx, signalId: string, consents: Array<{ purposeId: string; lawfulBasis: LawfulBasis }>): Promise<ConsentPreview[]> {
  const affected = await segmentsDownstreamOfSignals(db, [signalId]);
  if (affected.length === 0) return [];
  const policy = await currentPolicy(db);
  const inputs = await loadPolicyInputs(db, affected);
  const keys = consents.length
    ? await db
        .select({ id: consentPurposes.id, key: consentPurposes.key })
        .from(consentPurposes)
        .where(
          inArray(
            consentPurposes.id,
            consents.map((c) => c.purposeId),
          ),
        )
    : [];
  const keyOf = new Map(keys.map((k) => [k.id, k.key]));
  const proposed = consents.map((c) => ({ purposeKey: keyOf.get(c.purposeId) ?? c.purposeId, lawfulBasis: c.lawfulBasis }));
  const statuses = new Map((await db.select({ id: segments.id, status: segments.status }).from(segments).where(inArray(segments.id, affected))).map((s) => [s.id, s.status]));
  const out: ConsentPreview[] = [];
  for (const [segmentId, input] of inputs) {
    const changed = { ...input, signals: input.signals.map((s) => (s.id === signalId ? { ...s, consents: proposed } : s)) };
    const diff = diffFindings(evaluate(input, policy.settings), evaluate(changed, policy.settings));
    const rewordedOnly = diff.unchanged.every((u) => u.noLongerBlames.length === 0 && u.nowBlames.length === 0);
    if (diff.added.length === 0 && diff.cleared.length === 0 && rewordedOnly) continue;
    out.push({
      segmentId,
      name: input.segment.name,
      status: statuses.get(segmentId) ?? "draft",
      channels: input.segment.channels,
      added: diff.added.map(shown),
      cleared: diff.cleared.map(shown),
      unchanged: diff.unchanged.map((u) => ({ ...shown(u.after), noLongerBlames: u.noLongerBlames.map((s) => s.name), nowBlames: u.nowBlames.map((s) => s.name) })),
      tools: [],
    });
  }
  // Only a segment gaining a blocking finding is newly denied by the gate.
  const gaining = out.filter((p) => p.added.some((f) => f.severity === "block")).map((p) => p.segmentId);
  const tools = await toolsAskingAbout(db, gaining);
  for (const p of out) p.tools = tools.get(p.segmentId) ?? [];
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export async function reevaluateAll(tx: Tx) {
  return evaluateAndStore(tx, await allSegmentIds(tx));
}
