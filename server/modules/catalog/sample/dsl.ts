import type { Condition, Group, Operator, RuleNode } from "@/domain/segment-definition";

/**
 * Sample definitions name signals and segments by key, so the data reads like what it means;
 * `resolveDefinition` turns them into the rule tree the service validates.
 */
export type SampleRule =
  | { type: "condition"; signal: string; operator: Operator; value: Condition["value"] }
  | { type: "segment"; segment: string; mode: "include" | "exclude" }
  | { type: "group"; combinator: "and" | "or"; children: SampleRule[] };

export const when = (signal: string, operator: Operator, value: Condition["value"] = null): SampleRule => ({ type: "condition", signal, operator, value });
export const member = (segment: string): SampleRule => ({ type: "segment", segment, mode: "include" });
export const notMember = (segment: string): SampleRule => ({ type: "segment", segment, mode: "exclude" });
export const all = (...children: SampleRule[]): SampleRule & { type: "group" } => ({ type: "group", combinator: "and", children });
export const any = (...children: SampleRule[]): SampleRule & { type: "group" } => ({ type: "group", combinator: "or", children });

/** Replaces keys by ids; an unknown key is a mistake in the sample data, so it throws. */
export function resolveDefinition(rule: SampleRule & { type: "group" }, signalIds: Map<string, string>, segmentIds: Map<string, string>): Group {
  const resolve = (r: SampleRule): RuleNode => {
    switch (r.type) {
      case "condition": {
        const signalId = signalIds.get(r.signal);
        if (!signalId) throw new Error(`Sample data: unknown signal “${r.signal}”.`);
        return { type: "condition", signalId, operator: r.operator, value: r.value };
      }
      case "segment": {
        const segmentId = segmentIds.get(r.segment);
        if (!segmentId) throw new Error(`Sample data: segment “${r.segment}” must come after its parent.`);
        return { type: "segment", segmentId, mode: r.mode };
      }
      case "group":
        return { type: "group", combinator: r.combinator, children: r.children.map(resolve) };
    }
  };
  return resolve(rule) as Group;
}

/** Keys of the segments a sample rule refers to, for ordering and tests. */
export function parentKeys(rule: SampleRule): string[] {
  if (rule.type === "segment") return [rule.segment];
  if (rule.type === "group") return rule.children.flatMap(parentKeys);
  return [];
}
