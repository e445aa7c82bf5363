import type { inferRouterOutputs } from "@trpc/server";
import type { PolicySettings } from "@/server/policy/types";
import type { AppRouter } from "@/server/trpc/root";

/** The policy settings as the editor holds them: number boxes keep what was typed. */
export type PolicyForm = Omit<PolicySettings, "minCohortSize" | "recertificationDays"> & { minCohortSize: string; recertificationDays: string };

export const toForm = (s: PolicySettings): PolicyForm => ({ ...s, minCohortSize: String(s.minCohortSize), recertificationDays: String(s.recertificationDays) });

type Outputs = inferRouterOutputs<AppRouter>;
export interface Options {
  purposes: Outputs["purposes"]["list"];
  categories: Outputs["categories"]["list"];
}

/** What every section of the editor receives. */
export interface SectionProps {
  form: PolicyForm;
  setForm: (next: PolicyForm) => void;
  errors: Record<string, string>;
  readOnly: boolean;
  options: Options;
}
