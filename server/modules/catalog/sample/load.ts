import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/server/db/client";
import { consentPurposes, dataCategories, segmentPrivacyModes } from "@/server/db/schema";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { preconditionFailed } from "@/server/errors";
import type { SessionUser } from "@/server/auth/identity";
import { createSegmentInput, createSignalInput, createSourceInput } from "../schemas";
import { createSegment } from "../segments.writes";
import { createSignal } from "../signals.service";
import { createSource } from "../sources.service";
import { resolveDefinition } from "./dsl";
import { loadSampleOutcomes, NOISY_SEGMENT } from "./outcomes";
import { ensureSamplePeople } from "./people";
import { SAMPLE_SEGMENTS } from "./segments";
import { SAMPLE_SIGNALS } from "./signals";
import { SAMPLE_SOURCES } from "./sources";
import { catalogIsEmpty } from "./status";
import { inTransaction } from "@/server/db/transaction";

// Serialises loads, so two admins clicking at once cannot both find the catalog empty.
const SAMPLE_LOCK = 7_412_002;

export interface SampleCounts {
  sources: number;
  signals: number;
  segments: number;
  people: number;
}

async function idsByKey(tx: Tx) {
  const purposes = new Map((await tx.select({ key: consentPurposes.key, id: consentPurposes.id }).from(consentPurposes)).map((p) => [p.key, p.id]));
  const categories = new Map((await tx.select({ key: dataCategories.key, id: dataCategories.id }).from(dataCategories)).map((c) => [c.key, c.id]));
  const need = (map: Map<string, string>, what: string) => (key: string) => {
    const id = map.get(key);
    // Reference data is seeded at start-up; a privacy officer may have removed or renamed an entry.
    if (!id) throw preconditionFailed(`The sample workspace needs the ${what} “${key}”, which this workspace does not have.`);
    return id;
  };
  return { purpose: need(purposes, "consent purpose"), category: need(categories, "data category") };
}

/**
 * Loads the sample retailer's sources, signals and segments into an empty catalog. Every row goes
 * through the same services (validation, derived sensitivity, policy checks, audit) as a user's,
 * nested in one transaction so that a failure leaves nothing half-loaded.
 */
export async function loadSampleWorkspace(db: Db, user: SessionUser, actor: AuditActor): Promise<SampleCounts> {
  return inTransaction(db, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SAMPLE_LOCK})`);
    if (!(await catalogIsEmpty(tx))) {
      throw preconditionFailed("The sample workspace can only be loaded into an empty catalog, and this one already has data sources, signals or segments.");
    }
    // A transaction is a database whose queries run inside it; the services' own transactions
    // become savepoints of this one.
    const inner = tx as unknown as Db;
    const ids = await idsByKey(tx);
    const people = await ensureSamplePeople(tx, actor, user.id);

    const sourceIds = new Map<string, string>();
    for (const source of SAMPLE_SOURCES) {
      sourceIds.set(source.key, (await createSource(inner, actor, createSourceInput.parse(source))).id);
    }

    const signalIds = new Map<string, string>();
    for (const s of SAMPLE_SIGNALS) {
      const input = createSignalInput.parse({
        key: s.key,
        sourceId: sourceIds.get(s.source),
        name: s.name,
        description: s.description,
        categoryId: ids.category(s.category),
        kind: s.kind,
        fidelity: s.fidelity,
        identifiability: s.identifiability,
        valueType: s.valueType,
        allowedValues: s.allowedValues ?? [],
        retentionDays: s.retentionDays,
        consents: s.consents.map(([purpose, lawfulBasis]) => ({ purposeId: ids.purpose(purpose), lawfulBasis })),
      });
      signalIds.set(s.key, (await createSignal(inner, actor, input)).id);
    }

    // Handing segments to the sample people is what a data steward does (segment:edit_any); the
    // right to load the sample covers it. The loader stays the recorded actor and author.
    const loader: SessionUser = { ...user, roles: [...new Set([...user.roles, "steward" as const])] };
    const segmentIds = new Map<string, string>();
    for (const s of SAMPLE_SEGMENTS) {
      const input = createSegmentInput.parse({
        key: s.key,
        name: s.name,
        description: s.description,
        purposeStatement: s.purposeStatement,
        businessGoal: s.businessGoal,
        declaredPurposeIds: s.purposes.map(ids.purpose),
        channels: s.channels,
        definition: resolveDefinition(s.definition, signalIds, segmentIds),
        sensitivityOverride: s.sensitivityOverride ?? null,
        refreshCadence: s.refreshCadence,
        lookbackDays: s.lookbackDays,
        minCohortSize: s.minCohortSize,
        frequencyCaps: s.frequencyCaps ?? {},
        rationale: s.rationale,
        ownerId: people.owners[s.owner],
        team: s.team,
        tags: s.tags,
      });
      segmentIds.set(s.key, (await createSegment(inner, loader, actor, input)).id);
    }

    const outcomeRows = await loadSampleOutcomes(tx, user.id, segmentIds, SAMPLE_SEGMENTS);
    // One segment reports only with noise, so the sample shows differential privacy and its budget too.
    await tx.insert(segmentPrivacyModes).values({
      segmentId: segmentIds.get(NOISY_SEGMENT)!,
      differentialPrivacy: true,
      reason: "A small, high-value audience: its reports are released only with noise.",
      setById: user.id,
    });
    const counts: SampleCounts = { sources: sourceIds.size, signals: signalIds.size, segments: segmentIds.size, people: people.created };
    await recordAudit(tx, {
      actor,
      action: "sample_workspace.loaded",
      entityType: "workspace",
      after: { retailer: "Lumen & Loom", ...counts, outcomeRows },
      reason: "sample workspace loaded to explore Steward",
    });
    return counts;
  });
}
