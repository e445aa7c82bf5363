import type { inferRouterOutputs } from "@trpc/server";
import type { PolicySettings } from "@/server/policy/types";
import type { AppRouter } from "@/server/trpc/root";

/** The policy as the editor holds it: the two numbers as typed, so an empty box can be shown. */
export type PolicyForm = Omit<PolicySettings, "minCohortSize" | "recertificationDays"> & { minCohortSize: string; recertificationDays: string };

type Outputs = inferRouterOutputs<AppRouter>;
export interface Options {
  purposes: Outputs["purposes"]["list"];
  categories: Outputs["categories"]["list"];
}

/** What every section of the editor is given. */
export interface SectionProps {
  form: PolicyForm;
  setForm: (next: PolicyForm) => void;
  errors: Record<string, string>;
  readOnly: boolean;
  options: Options;
}
