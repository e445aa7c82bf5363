import { and, eq, inArray, isNull } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx, Tx } from "@/server/db/client";
import { consentPurposes, dataCategories, dataSources, signalConsents, signals } from "@/server/db/schema";
import type { AuditActor } from "@/server/audit/record";
import { invalid, notFound, preconditionFailed } from "@/server/errors";
import type { SessionUser } from "@/server/auth/identity";
import { inTransaction } from "@/server/db/transaction";
import { maxSensitivity, type Sensitivity } from "@/domain/vocab";
import { channelRuleLabel, PROPOSAL_SENSITIVITY, type InForce, type ReviewPayload } from "@/domain/review-proposals";
import { currentPolicy } from "@/server/modules/policy/settings.service";
import { findingsOf } from "@/server/modules/policy/findings.service";
import { versionViewOf } from "@/server/modules/catalog/segments.queries";
import { openRequest, segmentHead } from "./requests";
import type { requestReviewInput } from "./schemas";

/**
 * Data use, new source, algorithm change and channel rule requests: each pinned to what it is
 * about as it stood (a signal or source snapshot, a segment version, the policy version) with
 * what was in force then, so the review page compares the proposal with that.
 */

type Input = z.infer<typeof requestReviewInput>;

interface Subject {
  subjectType: "segment" | "data_source" | "signal" | "proposed_source" | "policy";
  subjectId: string | null;
  subjectVersion: number | null;
  subjectLabel: string;
  subjectSnapshot: Record<string, unknown> | null;
  authorId: string | null;
  sensitivity: Sensitivity;
  findingCount: number;
}

/** The segment fields that say how it is computed: what an algorithm change is compared with. */
const COMPUTATION_FIELDS = ["definition", "refreshCadence", "lookbackDays", "minCohortSize"];

export async function requestReview(db: Db, user: SessionUser, actor: AuditActor, input: Input) {
  return inTransaction(db, async (tx) => {
    await requireKnownPurposes(tx, purposeKeysOf(input));
    const subject = await subjectOf(tx, input);
    const { justification, payload } = input;
    const stored = { type: input.type, ...payload } as ReviewPayload;
    const request = await openRequest(tx, actor, { type: input.type, ...subject, requesterId: user.id, justification, payload: stored });
    return { id: request.id };
  });
}

async function subjectOf(tx: Tx, input: Input): Promise<Subject> {
  switch (input.type) {
    case "data_use":
      return input.subjectType === "signal" ? signalSubject(tx, input.subjectId) : sourceSubject(tx, input.subjectId);
    case "new_source":
      return {
        subjectType: "proposed_source",
        subjectId: null,
        subjectVersion: null,
        subjectLabel: input.payload.name,
        subjectSnapshot: null,
        authorId: null,
        sensitivity: PROPOSAL_SENSITIVITY,
        findingCount: 0,
      };
    case "algorithm_change": {
      const head = await segmentHead(tx, input.segmentId);
      if (head.s.status === "retired") throw preconditionFailed("That segment is retired; nothing about how it is computed can change.");
      const view = await versionViewOf(tx, head.s.id, head.s.version);
      const inForce: InForce = { computation: view.filter((r) => COMPUTATION_FIELDS.includes(r.field)).map(({ label, value }) => ({ label, value })) };
      return {
        subjectType: "segment",
        subjectId: head.s.id,
        subjectVersion: head.s.version,
        subjectLabel: head.s.name,
        subjectSnapshot: { inForce },
        authorId: head.authorId,
        sensitivity: head.s.sensitivity,
        findingCount: (await findingsOf(tx, head.s.id, head.s.version)).length,
      };
    }
    case "channel_rule": {
      const { version, settings } = await currentPolicy(tx);
      const inForce: InForce = { channel: { requiredPurposeKey: settings.channelPurposes[input.payload.channel] ?? null, minCohortSize: settings.minCohortSize } };
      return {
        subjectType: "policy",
        subjectId: null,
        subjectVersion: version,
        subjectLabel: channelRuleLabel(input.payload),
        subjectSnapshot: { inForce },
        authorId: null,
        sensitivity: PROPOSAL_SENSITIVITY,
        findingCount: 0,
      };
    }
  }
}

async function signalSubject(tx: Tx, id: string): Promise<Subject> {
  const [sig] = await tx
    .select({ sig: signals, s: dataCategories.defaultSensitivity })
    .from(signals)
    .innerJoin(dataCategories, eq(dataCategories.id, signals.categoryId))
    .where(eq(signals.id, id));
  if (!sig) throw notFound("That signal");
  if (sig.sig.retiredAt) throw preconditionFailed("That signal is retired; restore it before asking for a new use of it.");
  const { search: _s, ...row } = sig.sig;
  const inForce: InForce = { purposeKeys: await collectedFor(tx, [id]) };
  return { ...catalogSubject("signal", id, sig.sig.name), subjectSnapshot: { ...row, inForce }, sensitivity: sig.s };
}

async function sourceSubject(tx: Tx, id: string): Promise<Subject> {
  const [src] = await tx.select().from(dataSources).where(eq(dataSources.id, id));
  if (!src) throw notFound("That data source");
  if (src.retiredAt) throw preconditionFailed("That data source is retired; restore it before asking for a new use of its data.");
  const sigs = await tx
    .select({ id: signals.id, s: dataCategories.defaultSensitivity })
    .from(signals)
    .innerJoin(dataCategories, eq(dataCategories.id, signals.categoryId))
    .where(eq(signals.sourceId, src.id));
  const { search: _s, ...row } = src;
  const inForce: InForce = {
    purposeKeys: await collectedFor(
      tx,
      sigs.map((s) => s.id),
    ),
  };
  const sensitivity = maxSensitivity(
    sigs.map((c) => c.s),
    "internal",
  );
  return { ...catalogSubject("data_source", id, src.name), subjectSnapshot: { ...row, inForce }, sensitivity };
}

const catalogSubject = (subjectType: "signal" | "data_source", subjectId: string, subjectLabel: string) => ({
  subjectType,
  subjectId,
  subjectVersion: null,
  subjectLabel,
  authorId: null,
  findingCount: 0,
});

/** The purposes these signals were collected for, by key, sorted. */
async function collectedFor(db: DbOrTx, signalIds: string[]): Promise<string[]> {
  if (signalIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ key: consentPurposes.key })
    .from(signalConsents)
    .innerJoin(consentPurposes, eq(consentPurposes.id, signalConsents.purposeId))
    .where(inArray(signalConsents.signalId, signalIds));
  return rows.map((r) => r.key).sort();
}

function purposeKeysOf(input: Input): string[] {
  if (input.type === "data_use") return input.payload.purposeKeys;
  if (input.type === "channel_rule" && input.payload.rule.kind === "allowed_purposes") return input.payload.rule.purposeKeys;
  return [];
}

/** A proposal names purposes by key: each must be one in use. */
async function requireKnownPurposes(db: DbOrTx, keys: string[]) {
  if (keys.length === 0) return;
  const found = await db
    .select({ key: consentPurposes.key })
    .from(consentPurposes)
    .where(and(inArray(consentPurposes.key, keys), isNull(consentPurposes.retiredAt)));
  const known = new Set(found.map((r) => r.key));
  const unknown = keys.filter((k) => !known.has(k));
  if (unknown.length) throw invalid(`No purpose in use has the key ${unknown.map((k) => `“${k}”`).join(", ")}.`, "payload");
}
