import { Badge } from "@/components/ui/layout";
import { checkName, SEVERITY_LABELS } from "./check-text";

interface FindingWords {
  severity: keyof typeof SEVERITY_LABELS;
  policyKey: string;
  title: string;
  message: string;
  remedy: string;
  exception: unknown;
}

/** A finding's border: quiet once an exception covers it, red when it blocks, amber when it warns. */
export const findingBorder = (f: FindingWords) => (f.exception ? "border-slate-200" : f.severity === "block" ? "border-red-300" : "border-amber-300");

/** What a finding says, wherever it is shown: severity, check, title, message and how to fix it. */
export function FindingText({ finding: f }: { finding: FindingWords }) {
  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={f.severity === "block" ? "red" : "amber"}>{SEVERITY_LABELS[f.severity]}</Badge>
        {Boolean(f.exception) && <Badge tone="blue">Exception granted</Badge>}
        <h3 className="text-sm font-semibold break-words text-slate-900">{f.title}</h3>
        <span className="text-xs text-slate-600">{checkName(f.policyKey)}</span>
      </div>
      <p className="mt-2 text-sm break-words text-slate-800">{f.message}</p>
      <p className="mt-1 text-sm break-words text-slate-800">
        <span className="font-semibold">How to fix:</span> {f.remedy}
      </p>
    </>
  );
}
