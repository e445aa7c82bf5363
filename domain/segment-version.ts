import type { Group } from "./segment-definition";
import type { BusinessGoal, Channel, RefreshCadence, Sensitivity } from "./vocab";

export interface FrequencyCap {
  count: number;
  perDays: number;
}

/**
 * What a stored segment version holds (segment_versions.data): every editable field, plus key
 * and owner. Plain types here, so the database schema, the server and the browser read versions
 * through one declaration; the catalog's zod input schema is checked against it at compile time
 * (server/modules/catalog/schemas.ts), so a new field cannot reach one without the other.
 */
export interface SegmentVersionData {
  key: string;
  ownerId: string;
  name: string;
  description: string;
  purposeStatement: string;
  businessGoal: BusinessGoal;
  declaredPurposeIds: string[];
  channels: Channel[];
  definition: Group;
  sensitivityOverride: Sensitivity | null;
  refreshCadence: RefreshCadence | null;
  lookbackDays: number | null;
  minCohortSize: number | null;
  frequencyCaps: Partial<Record<Channel, FrequencyCap>>;
  rationale: { assumptions: string; limitations: string; expectedOutcomes: string };
  team: string;
  tags: string[];
  recertifyBy: string | null;
}
