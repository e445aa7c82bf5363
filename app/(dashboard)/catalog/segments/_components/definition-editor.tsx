"use client";

import { useMemo } from "react";
import { Button } from "@/components/ui/button";
import { MAX_DEPTH } from "@/domain/segment-definition";
import { ConditionRow } from "./condition-row";
import { DefinitionContext, useDefinition, type DefinitionContextValue } from "./definition-context";
import { newCondition, newGroup, newRef, numberNodes, updateNode, type EditorGroup, type EditorNode } from "./form-state";
import { SegmentRefRow } from "./segment-ref-row";

export function DefinitionEditor({
  value,
  onChange,
  error,
  ...known
}: Omit<DefinitionContextValue, "numbers" | "update"> & { value: EditorGroup; onChange: (next: EditorGroup) => void; error?: string | null }) {
  const numbers = useMemo(() => numberNodes(value), [value]);
  const ctx: DefinitionContextValue = {
    ...known,
    numbers,
    update: (uid, fn) => onChange(updateNode(value, uid, fn)),
  };
  return (
    <DefinitionContext.Provider value={ctx}>
      <div className="space-y-2">
        <GroupBox group={value} depth={0} />
        {error && (
          <p id="definition-error" role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="definition-error">
            {error}
          </p>
        )}
      </div>
    </DefinitionContext.Provider>
  );
}

function GroupBox({ group, depth }: { group: EditorGroup; depth: number }) {
  const { numbers, update } = useDefinition();
  const n = numbers.get(group.uid) ?? 0;
  const root = depth === 0;
  // Names for the repeated buttons: plain at the top level, with the group number inside.
  const suffix = root ? "" : ` to group ${n}`;
  const add = (node: EditorNode) => update(group.uid, (g) => (g.type === "group" ? { ...g, children: [...g.children, node] } : g));
  const label = root ? "Rules" : `Group ${n}`;

  return (
    <fieldset className={`min-w-0 space-y-3 rounded-lg border p-3 ${root ? "border-slate-300 bg-white" : "border-slate-300 bg-slate-50"}`} data-testid={`group-${n}`}>
      <legend className="px-1 text-sm font-medium text-slate-800">{label}</legend>
      <div className="flex flex-wrap items-center gap-2">
        <div role="radiogroup" aria-label={`How to combine the rules of ${root ? "the top level" : `group ${n}`}`} className="inline-flex overflow-hidden rounded-md border border-slate-300">
          {(["and", "or"] as const).map((c) => (
            <label
              key={c}
              className={`cursor-pointer px-3 py-1.5 text-sm font-medium has-focus-visible:outline-2 has-focus-visible:outline-brand-600 ${
                group.combinator === c ? "bg-brand-700 text-white" : "bg-white text-slate-800 hover:bg-slate-50"
              }`}
            >
              <input
                type="radio"
                className="sr-only"
                name={`combinator-${group.uid}`}
                checked={group.combinator === c}
                onChange={() => update(group.uid, (g) => ({ ...(g as EditorGroup), combinator: c }))}
              />
              {c === "and" ? "All of" : "Any of"}
            </label>
          ))}
        </div>
        <span className="text-sm text-slate-600">{group.combinator === "and" ? "people must match every rule below" : "people must match at least one rule below"}</span>
        {!root && (
          <Button variant="ghost" className="ml-auto" onClick={() => update(group.uid, () => null)} aria-label={`Remove group ${n}`}>
            Remove group
          </Button>
        )}
      </div>
      {group.children.length === 0 && <p className="text-sm text-slate-600">No rules yet{root ? ": the segment would contain everyone." : "."}</p>}
      <ul className="space-y-3">
        {group.children.map((child) => (
          <li key={child.uid}>
            {child.type === "group" ? <GroupBox group={child} depth={depth + 1} /> : child.type === "condition" ? <ConditionRow node={child} /> : <SegmentRefRow node={child} />}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => add(newCondition())} aria-label={`Add condition${suffix}`}>
          Add condition
        </Button>
        <Button variant="secondary" onClick={() => add(newRef())} aria-label={`Add segment${suffix}`}>
          Add segment
        </Button>
        {depth + 1 < MAX_DEPTH && (
          <Button variant="secondary" onClick={() => add(newGroup())} aria-label={`Add group${suffix}`}>
            Add group
          </Button>
        )}
      </div>
    </fieldset>
  );
}
