"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { OPERATOR_LABELS, OPERATORS, type Condition, type Operator } from "@/domain/segment-definition";
import { LABELS } from "@/domain/vocab";
import { useDefinition } from "./definition-context";
import type { EditorCondition, KnownSignal } from "./form-state";
import { BetweenBox, NumberBox, RuleLabel, RuleSelect, ruleControl, ValueChecks } from "./rule-controls";
import { useDebounced } from "@/components/ui/use-debounced";

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
        <SignalPicker
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

/** A filter box and a list of up to 100 matching signals; the chosen one always stays listed. */
function SignalPicker({ context, value, onPick }: { context: string; value: string; onPick: (s: KnownSignal) => void }) {
  const trpc = useTRPC();
  const { signals, rememberSignal } = useDefinition();
  const filterId = useId();
  const [q, setQ] = useState("");
  const debounced = useDebounced(q.trim(), 250);
  const list = useQuery({ ...trpc.signals.list.queryOptions({ q: debounced || undefined, pageSize: 100, sort: "name" }), placeholderData: (prev) => prev });
  const current = signals.get(value);
  const found: KnownSignal[] = (list.data?.items ?? []).map((s) => ({
    id: s.id,
    name: s.name,
    valueType: s.valueType,
    allowedValues: s.allowedValues,
    sensitivity: s.sensitivity,
    sourceName: s.sourceName,
  }));
  const options = current && !found.some((s) => s.id === current.id) ? [current, ...found] : found;

  return (
    <div className="min-w-0 space-y-2">
      <div className="space-y-1">
        <RuleLabel htmlFor={filterId} text="Find signal" context={context} />
        <input id={filterId} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Type part of a name" className={ruleControl} />
      </div>
      <RuleSelect
        text="Signal"
        context={context}
        value={value}
        onChange={(e) => {
          const picked = options.find((s) => s.id === e.target.value);
          if (!picked) return;
          rememberSignal(picked);
          onPick(picked);
        }}
      >
        <option value="" disabled>
          {list.isPending ? "Loading signals…" : options.length ? `Choose a signal (${list.data?.total ?? 0} found)` : "No signals match"}
        </option>
        {options.map((s) => (
          <option key={s.id} value={s.id}>
            {s.sourceName ? `${s.name} — ${s.sourceName}` : s.name}
          </option>
        ))}
      </RuleSelect>
      {list.error && <p className="text-sm text-red-700">Signals could not be loaded: {list.error.message}</p>}
      {current && (
        <p className="text-xs text-slate-600">
          {LABELS.valueType[current.valueType]} · {LABELS.sensitivity[current.sensitivity]}
        </p>
      )}
    </div>
  );
}
