import type { BusinessGoal, Channel, RefreshCadence, Sensitivity } from "@/domain/vocab";
import type { SampleRule } from "./dsl";

/** Who owns a sample segment: one of the sample people, or whoever loads the sample. */
export type SampleOwner = "marketer" | "steward" | "loader";

/** A segment of the sample workspace; purposes, signals and parent segments are named by key. */
export interface SampleSegment {
  key: string;
  name: string;
  description: string;
  purposeStatement: string;
  businessGoal: BusinessGoal;
  purposes: string[];
  channels: Channel[];
  definition: SampleRule & { type: "group" };
  refreshCadence: RefreshCadence | null;
  lookbackDays: number | null;
  minCohortSize: number;
  frequencyCaps?: Partial<Record<Channel, { count: number; perDays: number }>>;
  rationale: { assumptions: string; limitations: string; expectedOutcomes: string };
  owner: SampleOwner;
  team: string;
  tags: string[];
  sensitivityOverride?: Sensitivity;
}
