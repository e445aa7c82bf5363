"use client";

import { definitionSentence, type Group, type SignalInfo } from "@/domain/segment-definition";
import { fromEditorTree, type EditorGroup, type EditorNode, type KnownSegment, type KnownSignal } from "./form-state";

// Unfinished rules are left out or shown with "…", so the preview reads well while typing.
const PENDING = "…" as unknown as number;

function previewTree(g: EditorGroup): EditorGroup {
  const children: EditorNode[] = [];
  for (const c of g.children) {
    if (c.type === "group") children.push(previewTree(c));
    else if (c.type === "segment") {
      if (c.segmentId) children.push(c);
    } else if (c.signalId) {
      const v = c.value;
      const value = c.operator === "between" ? (Array.isArray(v) && v.length === 2 ? v : [PENDING, PENDING]) : Array.isArray(v) ? (v.length ? v : [String(PENDING)]) : (v ?? PENDING);
      children.push({ ...c, value: value as typeof c.value });
    }
  }
  return { ...g, children };
}

export function sentenceOf(tree: EditorGroup, signals: ReadonlyMap<string, KnownSignal>, segments: ReadonlyMap<string, KnownSegment>): string {
  const signalInfo = new Map<string, SignalInfo>([...signals].map(([id, s]) => [id, s]));
  const names = new Map([...segments].map(([id, s]) => [id, s.name]));
  return definitionSentence(fromEditorTree(previewTree(tree)) as Group, signalInfo, names);
}

export function SentencePreview({ tree, signals, segments }: { tree: EditorGroup; signals: ReadonlyMap<string, KnownSignal>; segments: ReadonlyMap<string, KnownSegment> }) {
  return (
    <div className="rounded-md border border-brand-100 bg-brand-50 px-3 py-2">
      <h3 className="text-xs font-semibold tracking-wide text-brand-800 uppercase">In words</h3>
      <p className="mt-1 text-sm text-slate-900" data-testid="sentence-preview">
        {sentenceOf(tree, signals, segments)}
      </p>
    </div>
  );
}
