"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { downloadText } from "@/components/ui/download";
import { formErrors } from "@/components/ui/errors";
import { TextArea } from "@/components/ui/field";
import { statusAfter } from "@/domain/segment-lifecycle";
import { selectionCsv } from "@/components/catalog/segment-selection-csv";
import type { SegmentListItem } from "./types";

const these = (n: number) => (n === 1 ? "this segment is" : `these ${n} segments are`);

type Outcome = { segmentId: string; ok: true } | { segmentId: string; ok: false; code: string; message: string };
type Asking = null | "submit" | "pause";

/**
 * What can be done with the rows selected on this page: export them, and, for a role that may,
 * submit the drafts among them for approval or pause the active ones. Which rows an action
 * applies to comes from the lifecycle table (domain/segment-lifecycle); the server checks each
 * segment again and answers for each, and the refusals are listed by name with their reason.
 */
export function BulkActions({ selected, onDone }: { selected: SegmentListItem[]; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canSubmit = useCan("review:request");
  const canPause = useCan("segment:pause");
  const [asking, setAsking] = useState<Asking>(null);
  const [text, setText] = useState("");
  const [result, setResult] = useState<{ action: string; outcomes: Outcome[]; names: Map<string, string> } | null>(null);

  const submittable = selected.filter((s) => statusAfter(s.status, "submit") !== null);
  const pausable = selected.filter((s) => statusAfter(s.status, "pause") !== null);
  const finished = (action: string, targets: SegmentListItem[]) => (outcomes: Outcome[]) => {
    setResult({ action, outcomes, names: new Map(targets.map((s) => [s.id, s.name])) });
    setAsking(null);
    setText("");
    void queryClient.invalidateQueries({ queryKey: trpc.segments.list.queryKey() });
    onDone();
  };
  const submit = useMutation(trpc.reviews.submitSegments.mutationOptions({ onSuccess: finished("submitted for approval", submittable) }));
  const pause = useMutation(trpc.lifecycle.pauseMany.mutationOptions({ onSuccess: finished("paused", pausable) }));
  const running = asking === "submit" ? submit : pause;
  const errors = formErrors(running.error);

  return (
    <div className="space-y-2">
      {selected.length > 0 && (
        <div role="toolbar" aria-label="Selected segments" className="flex flex-wrap items-center gap-2 rounded-lg border border-brand-100 bg-brand-50 px-3 py-2 text-sm">
          <span className="font-medium text-brand-800" data-testid="selection-count">
            {selected.length} selected
          </span>
          <Button variant="secondary" onClick={() => downloadText(`segments-selection-${selected.length}.csv`, selectionCsv(window.location.origin, selected))}>
            Export selection (CSV)
          </Button>
          {canSubmit && (
            <Button variant="secondary" disabled={submittable.length === 0} onClick={() => setAsking("submit")} title={submittable.length ? undefined : "Only drafts can be submitted"}>
              Submit for approval ({submittable.length})
            </Button>
          )}
          {canPause && (
            <Button variant="secondary" disabled={pausable.length === 0} onClick={() => setAsking("pause")} title={pausable.length ? undefined : "Only active segments can be paused"}>
              Pause ({pausable.length})
            </Button>
          )}
        </div>
      )}
      {asking && (
        <form
          aria-label={asking === "submit" ? "Submit the selected drafts for approval" : "Pause the selected active segments"}
          className="max-w-xl space-y-2 rounded-lg border border-slate-200 bg-white p-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (asking === "submit") submit.mutate({ segmentIds: submittable.map((s) => s.id), justification: text.trim() });
            else pause.mutate({ segmentIds: pausable.map((s) => s.id), reason: text.trim() });
          }}
        >
          <TextArea
            label={
              asking === "submit"
                ? `Why ${these(submittable.length)} needed (reviewers read it)`
                : `Why pause ${these(pausable.length).replace(/ (is|are)$/, "")} (optional, kept in the audit trail)`
            }
            name={asking === "submit" ? "justification" : "reason"}
            rows={2}
            value={text}
            autoFocus
            onChange={(e) => setText(e.target.value)}
            error={errors.fields.justification ?? errors.fields.reason}
          />
          <div className="flex gap-2">
            <Button type="submit" pending={running.isPending}>
              {asking === "submit" ? `Submit ${submittable.length}` : `Pause ${pausable.length}`}
            </Button>
            <Button variant="secondary" onClick={() => setAsking(null)}>
              Cancel
            </Button>
          </div>
          {errors.form && <p className="text-sm text-red-700">{errors.form}</p>}
        </form>
      )}
      {result && <BulkResult {...result} onDismiss={() => setResult(null)} />}
    </div>
  );
}

function BulkResult({ action, outcomes, names, onDismiss }: { action: string; outcomes: Outcome[]; names: Map<string, string>; onDismiss: () => void }) {
  const done = outcomes.filter((o) => o.ok).length;
  const refused = outcomes.filter((o): o is Extract<Outcome, { ok: false }> => !o.ok);
  return (
    <div role="status" className={`rounded-lg border px-3 py-2 text-sm ${refused.length ? "border-amber-300 bg-amber-50" : "border-green-300 bg-green-50"}`} data-testid="bulk-result">
      <p>
        {done} {done === 1 ? "segment" : "segments"} {action}.{refused.length > 0 && ` ${refused.length} refused:`}
        <button type="button" onClick={onDismiss} className="ml-2 underline">
          Dismiss
        </button>
      </p>
      {refused.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {refused.map((o) => (
            <li key={o.segmentId}>
              {names.get(o.segmentId) ?? o.segmentId}: {o.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
