"use client";

import { Button } from "@/components/ui/button";
import { OPERATOR_LABELS, OPERATORS, type Condition, type Operator } from "@/domain/segment-definition";
import { useDefinition } from "./definition-context";
import type { EditorCondition, KnownSignal } from "./form-state";
import { BetweenBox, NumberBox, RuleSelect, ValueChecks } from "./rule-controls";
import { SignalCombobox } from "./signal-combobox";

type Value = Condition["value"];

/** The value an operator starts with; switching between operators of one shape keeps it. */
function defaultValue(op: Operator): Value {
  if (op === "in" || op === "not_in" || op === "contains_any" || op === "contains_all") return [];
  return null;
}
const shapeOf = (op: Operator) =>
  op === "between" ? "pair" : op === "is_true" || op === "is_false" ? "none" : Array.isArray(defaultValue(op)) ? "list" : op.includes("within") ? "days" : "number";

export function ConditionRow({ node }: { node: EditorCondition }) {
  const { signals, numbers, update } = useDefinition();
  const n = numbers.get(node.uid) ?? 0;
  const context = `for condition ${n}`;
  const signal = signals.get(node.signalId);
  const set = (patch: Partial<EditorCondition>) => update(node.uid, (c) => ({ ...(c as EditorCondition), ...patch }));

  return (
    <div className="min-w-0 rounded-md border border-slate-200 bg-white p-3" data-testid={`condition-${n}`}>
      <div className="mb-2 flex items-center justify-between gap-2">
        <p className="text-sm font-medium text-slate-800">Condition {n}</p>
        <Button variant="ghost" onClick={() => update(node.uid, () => null)} aria-label={`Remove condition ${n}`}>
          Remove
        </Button>
      </div>
      <div className="grid gap-3 md:grid-cols-[minmax(0,1.6fr)_minmax(0,1fr)_minmax(0,1fr)]">
        <SignalCombobox
          context={context}
          value={node.signalId}
          onPick={(s) => {
            const operator = OPERATORS[s.valueType][0];
            set({ signalId: s.id, operator, value: defaultValue(operator) });
          }}
        />
        <RuleSelect
          text="Operator"
          context={context}
          value={signal ? node.operator : ""}
          disabled={!signal}
          onChange={(e) => {
            const op = e.target.value as Operator;
            set({ operator: op, value: shapeOf(op) === shapeOf(node.operator) ? node.value : defaultValue(op) });
          }}
        >
          {!signal && <option value="">Choose a signal first</option>}
          {signal &&
            (OPERATORS[signal.valueType] as readonly Operator[]).map((op) => (
              <option key={op} value={op}>
                {OPERATOR_LABELS[op]}
              </option>
            ))}
        </RuleSelect>
        <div className="min-w-0">
          {signal && <ValueInput key={`${node.signalId}-${shapeOf(node.operator)}`} node={node} signal={signal} context={context} onChange={(value) => set({ value })} />}
        </div>
      </div>
    </div>
  );
}

function ValueInput({ node, signal, context, onChange }: { node: EditorCondition; signal: KnownSignal; context: string; onChange: (v: Value) => void }) {
  const v = node.value;
  switch (shapeOf(node.operator)) {
    case "none":
      return <p className="pt-5 text-sm text-slate-600">No value needed.</p>;
    case "pair":
      return <BetweenBox context={context} value={Array.isArray(v) && typeof v[0] === "number" ? (v as [number, number]) : null} onChange={onChange} />;
    case "days":
      return <NumberBox text="Days" context={context} integer min={1} value={typeof v === "number" ? v : null} onChange={onChange} />;
    case "list":
      return <ValueChecks context={context} options={signal.allowedValues} value={Array.isArray(v) ? (v as string[]) : []} onChange={onChange} />;
    default:
      return <NumberBox text="Value" context={context} value={typeof v === "number" ? v : null} onChange={onChange} />;
  }
}
