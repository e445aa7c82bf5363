"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { LABELS } from "@/domain/vocab";
import { useDefinition } from "./definition-context";
import type { EditorRef, KnownSegment } from "./form-state";
import { RuleLabel, RuleSelect, ruleControl } from "./rule-controls";
import { useDebounced } from "@/components/ui/use-debounced";

export function SegmentRefRow({ node }: { node: EditorRef }) {
  const trpc = useTRPC();
  const { segments, rememberSegment, numbers, update, selfId } = useDefinition();
  const n = numbers.get(node.uid) ?? 0;
  const context = `for segment rule ${n}`;
  const filterId = useId();
  const [q, setQ] = useState("");
  const debounced = useDebounced(q.trim(), 250);
  const list = useQuery({ ...trpc.segments.list.queryOptions({ q: debounced || undefined, pageSize: 100, sort: "name" }), placeholderData: (prev) => prev });
  const current = segments.get(node.segmentId);
  const found: KnownSegment[] = (list.data?.items ?? []).filter((s) => s.id !== selfId).map((s) => ({ id: s.id, name: s.name, sensitivity: s.sensitivity }));
  const options = current && !found.some((s) => s.id === current.id) ? [current, ...found] : found;
  const set = (patch: Partial<EditorRef>) => update(node.uid, (r) => ({ ...(r as EditorRef), ...patch }));

  return (
    <div className="min-w-0 rounded-md border border-slate-200 bg-white p-3" data-testid={`segment-rule-${n}`}>
      <div className="mb-2 flex items-center justify-between gap-2">
        <p className="text-sm font-medium text-slate-800">Segment rule {n}</p>
        <Button variant="ghost" onClick={() => update(node.uid, () => null)} aria-label={`Remove segment rule ${n}`}>
          Remove
        </Button>
      </div>
      <div className="grid gap-3 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,1.3fr)]">
        <RuleSelect text="Include or exclude" context={context} value={node.mode} onChange={(e) => set({ mode: e.target.value as EditorRef["mode"] })}>
          <option value="include">Include members of</option>
          <option value="exclude">Exclude members of</option>
        </RuleSelect>
        <div className="space-y-1">
          <RuleLabel htmlFor={filterId} text="Find segment" context={context} />
          <input id={filterId} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Type part of a name" className={ruleControl} />
        </div>
        <div className="min-w-0 space-y-1">
          <RuleSelect
            text="Segment"
            context={context}
            value={node.segmentId}
            onChange={(e) => {
              const picked = options.find((s) => s.id === e.target.value);
              if (!picked) return;
              rememberSegment(picked);
              set({ segmentId: picked.id });
            }}
          >
            <option value="" disabled>
              {list.isPending ? "Loading segments…" : options.length ? "Choose a segment" : "No segments match"}
            </option>
            {options.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </RuleSelect>
          {list.error && <p className="text-sm text-red-700">Segments could not be loaded: {list.error.message}</p>}
          {current && <p className="text-xs text-slate-600">{LABELS.sensitivity[current.sensitivity]}</p>}
        </div>
      </div>
    </div>
  );
}
