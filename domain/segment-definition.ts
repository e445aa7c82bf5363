import { z } from "zod";
import { textField } from "./text";
import type { ValueType } from "./vocab";

/**
 * A segment definition is a rule tree: AND/OR groups of conditions over signals and of
 * inclusions or exclusions of other segments. Pure: the editor, the sentence and the server's
 * validation all use this module.
 */
export const OPERATORS = {
  number: ["gte", "gt", "lte", "lt", "eq", "between"],
  boolean: ["is_true", "is_false"],
  timestamp: ["within_last_days", "not_within_last_days"],
  category: ["in", "not_in"],
  list: ["contains_any", "contains_all"],
} as const satisfies Record<ValueType, readonly string[]>;

export type Operator = (typeof OPERATORS)[ValueType][number];
const ALL_OPERATORS = Object.values(OPERATORS).flat() as [Operator, ...Operator[]];

export const OPERATOR_LABELS: Record<Operator, string> = {
  gte: "at least",
  gt: "more than",
  lte: "at most",
  lt: "less than",
  eq: "exactly",
  between: "between",
  is_true: "is yes",
  is_false: "is no",
  within_last_days: "within the last N days",
  not_within_last_days: "not within the last N days",
  in: "is one of",
  not_in: "is none of",
  contains_any: "includes any of",
  contains_all: "includes all of",
};

export const conditionSchema = z.object({
  type: z.literal("condition"),
  signalId: z.uuid({ error: "Choose a signal." }),
  operator: z.enum(ALL_OPERATORS),
  /** A number, [min, max] for between, a number of days, or the chosen values. */
  value: z.union([z.number(), z.tuple([z.number(), z.number()]), z.array(textField(200, { trim: false })).max(100), z.null()]).default(null),
});
export const segmentRefSchema = z.object({
  type: z.literal("segment"),
  segmentId: z.uuid({ error: "Choose a segment." }),
  mode: z.enum(["include", "exclude"]),
});

export type Condition = z.infer<typeof conditionSchema>;
export type SegmentRef = z.infer<typeof segmentRefSchema>;
export type Group = { type: "group"; combinator: "and" | "or"; children: RuleNode[] };
export type RuleNode = Condition | SegmentRef | Group;

export const groupSchema: z.ZodType<Group> = z.lazy(() =>
  z.object({
    type: z.literal("group"),
    combinator: z.enum(["and", "or"]),
    children: z.array(z.union([conditionSchema, segmentRefSchema, groupSchema])).max(50, "A group can hold at most 50 rules."),
  }),
);

export const MAX_DEPTH = 5;
export const emptyDefinition = (): Group => ({ type: "group", combinator: "and", children: [] });

export function walk(node: RuleNode, visit: (n: RuleNode, depth: number) => void, depth = 0): void {
  visit(node, depth);
  if (node.type === "group") for (const c of node.children) walk(c, visit, depth + 1);
}

export function collectRefs(def: Group): { signalIds: string[]; parents: Array<{ segmentId: string; mode: "include" | "exclude" }> } {
  const signalIds = new Set<string>();
  const parents = new Map<string, "include" | "exclude">();
  walk(def, (n) => {
    if (n.type === "condition") signalIds.add(n.signalId);
    // A segment both included and excluded somewhere is recorded as an exclusion: the stricter edge.
    if (n.type === "segment" && parents.get(n.segmentId) !== "exclude") parents.set(n.segmentId, n.mode);
  });
  return { signalIds: [...signalIds], parents: [...parents].map(([segmentId, mode]) => ({ segmentId, mode })) };
}

export interface SignalInfo {
  name: string;
  valueType: ValueType;
  allowedValues: readonly string[];
}

/** Problems with a definition, each with a path-like location, in words a marketer understands. */
export function definitionProblems(def: Group, signalsById: Map<string, SignalInfo>): string[] {
  const problems: string[] = [];
  let nodes = 0;
  walk(def, (n, depth) => {
    nodes++;
    if (depth > MAX_DEPTH) problems.push(`Rules are nested more than ${MAX_DEPTH} levels deep; simplify the groups.`);
    if (n.type !== "condition") return;
    const signal = signalsById.get(n.signalId);
    if (!signal) {
      problems.push("A condition uses a signal that does not exist or is retired.");
      return;
    }
    const ops = OPERATORS[signal.valueType] as readonly string[];
    if (!ops.includes(n.operator)) {
      problems.push(`“${signal.name}” cannot use “${OPERATOR_LABELS[n.operator]}”; choose ${ops.map((o) => `“${OPERATOR_LABELS[o as Operator]}”`).join(", ")}.`);
      return;
    }
    const v = n.value;
    switch (n.operator) {
      case "between":
        if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== "number" || typeof v[1] !== "number" || v[0] > v[1]) {
          problems.push(`“${signal.name}” between needs two numbers, the lower first.`);
        }
        break;
      case "gte":
      case "gt":
      case "lte":
      case "lt":
      case "eq":
        if (typeof v !== "number" || !Number.isFinite(v)) problems.push(`“${signal.name}” needs a number.`);
        break;
      case "within_last_days":
      case "not_within_last_days":
        if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 3650) problems.push(`“${signal.name}” needs a number of days from 1 to 3650.`);
        break;
      case "in":
      case "not_in":
      case "contains_any":
      case "contains_all": {
        const values = Array.isArray(v) ? (v as unknown[]) : [];
        if (values.length === 0 || values.some((x) => typeof x !== "string")) {
          problems.push(`“${signal.name}” needs at least one value.`);
        } else {
          const unknown = (values as string[]).filter((x) => !signal.allowedValues.includes(x));
          if (unknown.length) problems.push(`“${signal.name}” has no value ${unknown.map((u) => `“${u}”`).join(", ")}.`);
        }
        break;
      }
      default:
        break;
    }
  });
  if (nodes > 200) problems.push("A definition can hold at most 200 rules.");
  return [...new Set(problems)];
}

const list = (values: unknown) => (Array.isArray(values) ? values.map((v) => `“${String(v)}”`).join(", ") : "");

function conditionText(c: Condition, signal: SignalInfo | undefined): string {
  const name = signal?.name ?? "an unknown signal";
  const v = c.value;
  switch (c.operator) {
    case "gte":
      return `${name} is at least ${v}`;
    case "gt":
      return `${name} is more than ${v}`;
    case "lte":
      return `${name} is at most ${v}`;
    case "lt":
      return `${name} is less than ${v}`;
    case "eq":
      return `${name} is exactly ${v}`;
    case "between":
      return Array.isArray(v) ? `${name} is between ${v[0]} and ${v[1]}` : `${name} is between …`;
    case "is_true":
      return `${name} is yes`;
    case "is_false":
      return `${name} is no`;
    case "within_last_days":
      return `${name} within the last ${v} days`;
    case "not_within_last_days":
      return `${name} not within the last ${v} days`;
    case "in":
      return `${name} is one of ${list(v)}`;
    case "not_in":
      return `${name} is none of ${list(v)}`;
    case "contains_any":
      return `${name} includes any of ${list(v)}`;
    case "contains_all":
      return `${name} includes all of ${list(v)}`;
  }
}

function groupText(g: Group, signals: Map<string, SignalInfo>, segmentNames: Map<string, string>, nested: boolean): string {
  const joiner = g.combinator === "and" ? " AND " : " OR ";
  const included: string[] = [];
  const excluded: string[] = [];
  for (const child of g.children) {
    if (child.type === "condition") included.push(conditionText(child, signals.get(child.signalId)));
    else if (child.type === "segment") {
      const name = `“${segmentNames.get(child.segmentId) ?? "an unknown segment"}”`;
      (child.mode === "include" ? included : excluded).push(name);
      if (child.mode === "include") included[included.length - 1] = `members of ${name}`;
    } else if (child.children.length > 0) included.push(groupText(child, signals, segmentNames, true));
  }
  let text = included.join(joiner);
  if (excluded.length) text = `${text || "everyone"}, excluding members of ${excluded.join(" and ")}`;
  return nested && included.length > 1 ? `(${text})` : text;
}

/** The definition as one readable sentence, e.g. for the segment page and the evidence pack. */
export function definitionSentence(def: Group, signals: Map<string, SignalInfo>, segmentNames: Map<string, string>): string {
  const body = groupText(def, signals, segmentNames, false);
  return body ? `People where ${body}.` : "Everyone (no conditions yet).";
}
