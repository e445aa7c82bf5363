"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { useViewer } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formErrors, type FormErrors } from "@/components/ui/errors";
import { Card } from "@/components/ui/layout";
import { walk, type Group } from "@/domain/segment-definition";
import { maxSensitivity, type Sensitivity } from "@/domain/vocab";
import { ConflictAlert } from "./conflict-alert";
import { DefinitionEditor } from "./definition-editor";
import { AboutSection, OperationSection, OwnershipSection, RationaleSection, SensitivityField, UseSection } from "./editor-sections";
import { emptyForm, formFromSegment, formToFields, fromEditorTree, type KnownSegment, type KnownSignal, type SegmentForm } from "./form-state";
import { secondaryLinkButton } from "@/components/ui/button";
import { SentencePreview } from "./sentence-preview";
import { DraftFindingsPanel, useDraftFindings } from "./draft-findings";
import type { SegmentDetail } from "./types";

type Props = { mode: "create" } | { mode: "edit"; segment: SegmentDetail; onReload: () => Promise<void> };

const ERROR_SOURCES: Partial<Record<string, Array<keyof SegmentForm>>> = { rationale: ["assumptions", "limitations", "expectedOutcomes"] };

function hideFixed(errors: FormErrors, form: SegmentForm, submitted: SegmentForm | null): FormErrors {
  if (!submitted) return errors;
  const fields = Object.fromEntries(Object.entries(errors.fields).filter(([k]) => (ERROR_SOURCES[k] ?? [k as keyof SegmentForm]).every((f) => !(f in form) || form[f] === submitted[f])));
  return { form: errors.form && Object.keys(errors.fields).length > 0 && Object.keys(fields).length === 0 ? null : errors.form, fields };
}

/** A stale save is refused with CONFLICT and no field; a taken key is a CONFLICT on "key". */
function isVersionConflict(error: unknown): error is TRPCClientError<never> {
  if (!(error instanceof TRPCClientError)) return false;
  const data = error.data as { code?: string; field?: string | null } | undefined;
  return data?.code === "CONFLICT" && !data.field;
}

function knownFrom(segment: SegmentDetail | null) {
  const signals = new Map<string, KnownSignal>();
  const segments = new Map<string, KnownSegment>();
  for (const s of segment?.signals ?? []) {
    signals.set(s.id, { id: s.id, name: s.name, valueType: s.valueType, allowedValues: s.allowedValues, sensitivity: s.sensitivity, sourceName: s.sourceName });
  }
  for (const p of segment?.parents ?? []) segments.set(p.id, { id: p.id, name: p.name, sensitivity: p.sensitivity });
  return { signals, segments };
}

export function SegmentEditor(props: Props) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const viewer = useViewer();
  const segment = props.mode === "edit" ? props.segment : null;
  // The form is a snapshot of the version it was opened on; background refetches do not touch it.
  const [form, setForm] = useState<SegmentForm>(() => (segment ? formFromSegment(segment) : emptyForm(viewer.id)));
  const [baseVersion] = useState(segment?.version ?? 1);
  const [known, setKnown] = useState(() => knownFrom(segment));
  const [reloading, setReloading] = useState(false);
  const [reloadError, setReloadError] = useState<string | null>(null);
  // The form as last sent: a field's error stays only while the field is unchanged since.
  const [submitted, setSubmitted] = useState<SegmentForm | null>(null);
  const set = useCallback((patch: Partial<SegmentForm>) => setForm((f) => ({ ...f, ...patch })), []);

  const onSuccess = async ({ id }: { id: string }) => {
    await qc.invalidateQueries(trpc.segments.pathFilter());
    router.push(`/catalog/segments/${id}`);
  };
  const create = useMutation(trpc.segments.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.segments.update.mutationOptions({ onSuccess }));
  const mutation = props.mode === "create" ? create : update;
  const conflict = props.mode === "edit" && isVersionConflict(update.error) ? update.error.message : null;
  const errors = hideFixed(formErrors(conflict ? null : mutation.error), form, submitted);

  const derived: Sensitivity = useMemo(() => {
    const levels: Sensitivity[] = [];
    walk(fromEditorTree(form.definition) as Group, (n) => {
      if (n.type === "condition") {
        const s = known.signals.get(n.signalId);
        if (s) levels.push(s.sensitivity);
      } else if (n.type === "segment") {
        const s = known.segments.get(n.segmentId);
        if (s) levels.push(s.sensitivity);
      }
    });
    return maxSensitivity(levels);
  }, [form.definition, known]);

  const draft = useDraftFindings(form, segment?.id ?? null);
  const uncollected = useMemo(() => new Map((draft.query.data?.uncollected ?? []).map((u) => [u.purposeId, u.signals])), [draft.query.data]);

  const save = () => {
    setSubmitted(form);
    const fields = formToFields(form);
    if (props.mode === "create") create.mutate({ ...fields, key: form.key });
    else update.mutate({ ...fields, id: props.segment.id, baseVersion });
  };

  return (
    <form
      className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start"
      noValidate
      aria-label={props.mode === "create" ? "New segment" : `Edit ${segment?.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <div className="min-w-0 space-y-6">
        {segment && (
          <p className="text-sm text-slate-700">
            Editing version {baseVersion} of “{segment.name}”. Saving creates version {baseVersion + 1}; earlier versions stay in the history.
          </p>
        )}
        <AboutSection form={form} set={set} errors={errors} keyEditable={props.mode === "create"} />
        <Card title="Definition">
          <div className="space-y-4">
            <p className="text-sm text-slate-700">Who belongs to the segment: conditions on signals, and members of other segments to include or exclude.</p>
            <DefinitionEditor
              value={form.definition}
              onChange={(definition) => set({ definition })}
              error={errors.fields.definition}
              signals={known.signals}
              segments={known.segments}
              rememberSignal={(s) => setKnown((k) => ({ ...k, signals: new Map(k.signals).set(s.id, s) }))}
              rememberSegment={(s) => setKnown((k) => ({ ...k, segments: new Map(k.segments).set(s.id, s) }))}
              selfId={segment?.id ?? null}
            />
            <SentencePreview tree={form.definition} signals={known.signals} segments={known.segments} />
            <SensitivityField form={form} set={set} errors={errors} derived={derived} />
          </div>
        </Card>
        <UseSection form={form} set={set} errors={errors} uncollected={uncollected} />
        <OperationSection form={form} set={set} errors={errors} />
        <RationaleSection form={form} set={set} errors={errors} />
        <OwnershipSection form={form} set={set} errors={errors} />
      </div>
      {/* Beside the form on wide screens, following the scroll; on a phone after the fields, before
          the save button. Focusable, as a region that may scroll must be for keyboard users. */}
      <aside
        tabIndex={0}
        aria-label="Consent check of the draft"
        className="focus-visible:outline-2 focus-visible:outline-brand-600 lg:sticky lg:top-4 lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto"
      >
        <DraftFindingsPanel state={draft} />
      </aside>
      <div className="min-w-0 space-y-6 lg:col-start-1">
        {conflict && props.mode === "edit" && (
          <ConflictAlert
            message={conflict}
            pending={reloading}
            error={reloadError}
            onReload={async () => {
              setReloading(true);
              setReloadError(null);
              try {
                await props.onReload();
              } catch {
                setReloadError("The latest version could not be loaded. Check your connection and try again.");
              } finally {
                setReloading(false);
              }
            }}
          />
        )}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" pending={mutation.isPending} disabled={Boolean(conflict)}>
            {props.mode === "create" ? "Create segment" : "Save changes"}
          </Button>
          <Link href={segment ? `/catalog/segments/${segment.id}` : "/catalog/segments"} className={secondaryLinkButton}>
            Cancel
          </Link>
          {(errors.form || Object.keys(errors.fields).length > 0) && (
            <p className="text-sm text-red-700" role="alert" data-testid="form-error">
              {errors.form ?? "Please correct the highlighted fields."}
            </p>
          )}
        </div>
      </div>
    </form>
  );
}
