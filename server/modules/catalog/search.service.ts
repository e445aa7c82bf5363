import { asc, desc, ilike, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { consentPurposes, dataCategories, dataSources, segments, signals } from "@/server/db/schema";
import { resolveSearch, textMatch, textRank } from "./search-sql";

const LIMIT = 5;

/** The header's search box: the best few matches of every kind of entity. */
export async function globalSearch(db: Db, q: string) {
  const like = `%${q.replace(/[%_\\]/g, "\\$&")}%`;
  const search = await resolveSearch(db, q);
  const [segs, sigs, srcs, purps, cats] = await Promise.all([
    db
      .select({ id: segments.id, name: segments.name, key: segments.key, status: segments.status })
      .from(segments)
      .where(textMatch(segments.search, search))
      .orderBy(desc(textRank(segments.search, search)), asc(segments.name))
      .limit(LIMIT),
    db
      .select({ id: signals.id, name: signals.name, key: signals.key })
      .from(signals)
      .where(sql`${signals.retiredAt} IS NULL AND ${textMatch(signals.search, search)}`)
      .orderBy(desc(textRank(signals.search, search)), asc(signals.name))
      .limit(LIMIT),
    db
      .select({ id: dataSources.id, name: dataSources.name, key: dataSources.key })
      .from(dataSources)
      .where(sql`${dataSources.retiredAt} IS NULL AND ${textMatch(dataSources.search, search)}`)
      .orderBy(desc(textRank(dataSources.search, search)), asc(dataSources.name))
      .limit(LIMIT),
    db
      .select({ id: consentPurposes.id, name: consentPurposes.name, key: consentPurposes.key })
      .from(consentPurposes)
      .where(sql`${isNull(consentPurposes.retiredAt)} AND ${or(ilike(consentPurposes.name, like), ilike(consentPurposes.key, like))}`)
      .orderBy(asc(consentPurposes.name))
      .limit(LIMIT),
    db
      .select({ id: dataCategories.id, name: dataCategories.name, key: dataCategories.key })
      .from(dataCategories)
      .where(sql`${isNull(dataCategories.retiredAt)} AND ${or(ilike(dataCategories.name, like), ilike(dataCategories.key, like))}`)
      .orderBy(asc(dataCategories.key))
      .limit(LIMIT),
  ]);
  return { segments: segs, signals: sigs, sources: srcs, purposes: purps, categories: cats };
}
