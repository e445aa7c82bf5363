"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { Fragment, useState } from "react";
import { AuditHistoryLink } from "@/components/audit/history-link";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formErrors, type FormErrors } from "@/components/ui/errors";
import { CheckboxGroup, TextArea, TextField } from "@/components/ui/field";
import { ActionsHeader, Badge, Card, TableWrap, td, th } from "@/components/ui/layout";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { LABELS, LAWFUL_BASES, type LawfulBasis } from "@/domain/vocab";
import type { AppRouter } from "@/server/trpc/root";
import { RetireForm } from "../retire-form";

type Purpose = inferRouterOutputs<AppRouter>["purposes"]["list"][number];

const basisOptions = LAWFUL_BASES.map((value) => ({ value, label: LABELS.lawfulBasis[value] }));

export function PurposesAdmin() {
  const trpc = useTRPC();
  const canManage = useCan("purpose:manage");
  const [includeRetired, setIncludeRetired] = useState(false);
  // Keep the previous rows on screen while the other list loads, instead of flashing a spinner.
  const purposes = useQuery({ ...trpc.purposes.list.queryOptions({ includeRetired }), placeholderData: (prev) => prev });
  const [editing, setEditing] = useState<string | null>(null);
  const columns = canManage ? 7 : 6;

  return (
    <div className="space-y-6">
      {canManage && <CreatePurpose />}
      <CheckboxGroup
        legend="View"
        name="view"
        options={[{ value: "retired", label: "Show retired" }]}
        value={includeRetired ? ["retired"] : []}
        onChange={(v) => setIncludeRetired(v.includes("retired"))}
      />
      {purposes.isPending && <Spinner label="Loading consent purposes" />}
      {purposes.error && <ErrorState message={purposes.error.message} onRetry={() => purposes.refetch()} />}
      {purposes.data && purposes.data.length === 0 && (
        <EmptyState title={includeRetired ? "No consent purposes yet" : "No active consent purposes"}>
          {canManage ? "Add one with “Add purpose”." : "A privacy officer can add them."}
        </EmptyState>
      )}
      {purposes.data && purposes.data.length > 0 && (
        <TableWrap label="Consent purposes">
          <thead className="bg-slate-50">
            <tr>
              <th className={th}>Name</th>
              <th className={th}>Key</th>
              <th className={th}>TCF</th>
              <th className={th}>Lawful bases</th>
              <th className={th}>Description</th>
              <th className={th}>Status</th>
              {canManage && <ActionsHeader />}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {purposes.data.map((p) => (
              <Fragment key={p.id}>
                <tr data-testid={`purpose-row-${p.key}`}>
                  <td className={`${td} font-medium`}>{p.name}</td>
                  <td className={td}>
                    <code className="text-xs text-slate-800">{p.key}</code>
                  </td>
                  <td className={td}>{p.tcfPurposeId ? <Badge tone="blue">Purpose {p.tcfPurposeId}</Badge> : <span className="text-slate-600">—</span>}</td>
                  <td className={td}>
                    <div className="flex flex-wrap gap-1">
                      {p.allowedLawfulBases.map((b) => (
                        <Badge key={b}>{LABELS.lawfulBasis[b]}</Badge>
                      ))}
                    </div>
                  </td>
                  <td className={`${td} min-w-60 max-w-md text-slate-700`}>{p.description || <span className="text-slate-600">—</span>}</td>
                  <td className={td}>
                    <div className="flex flex-col items-start gap-1">
                      {p.retiredAt ? <Badge tone="amber">Retired</Badge> : <Badge tone="green">Active</Badge>}
                      <AuditHistoryLink entityType="consent_purpose" entityId={p.id} name={p.name} />
                    </div>
                  </td>
                  {canManage && (
                    <td className={`${td} whitespace-nowrap`}>
                      <PurposeActions purpose={p} editing={editing === p.id} onEdit={() => setEditing(p.id)} />
                    </td>
                  )}
                </tr>
                {editing === p.id && (
                  <tr>
                    <td colSpan={columns} className="bg-slate-50 px-3 py-4">
                      {/* Stays in view when the table is scrolled sideways to reach the Edit button. */}
                      <div className="sticky left-3 max-w-[calc(100vw-4rem)]">
                        <EditPurpose purpose={p} onDone={() => setEditing(null)} />
                      </div>
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </TableWrap>
      )}
    </div>
  );
}

function useInvalidatePurposes() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: trpc.purposes.list.queryKey() }),
      qc.invalidateQueries({ queryKey: trpc.dashboard.summary.queryKey() }),
    ]);
}

interface PurposeValues {
  key: string;
  name: string;
  description: string;
  allowedLawfulBases: LawfulBasis[];
}

/** The fields shared by the add and edit forms; the key can only be chosen when adding. */
function PurposeForm({
  initial,
  keyEditable,
  submitLabel,
  pending,
  errors,
  onSubmit,
  onCancel,
}: {
  initial: PurposeValues;
  keyEditable: boolean;
  submitLabel: string;
  pending: boolean;
  errors: FormErrors;
  onSubmit: (values: PurposeValues) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState(initial);
  return (
    <form
      className="grid gap-4 md:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(form);
      }}
    >
      <TextField
        label="Key"
        name="key"
        value={form.key}
        readOnly={!keyEditable}
        autoFocus={keyEditable}
        hint={keyEditable ? "Lower-case, with dots between levels, e.g. marketing.email. It cannot be changed later." : "The key cannot be changed."}
        onChange={(e) => setForm({ ...form, key: e.target.value })}
        error={errors.fields.key}
      />
      <TextField
        label="Name"
        name="name"
        value={form.name}
        autoFocus={!keyEditable}
        onChange={(e) => setForm({ ...form, name: e.target.value })}
        error={errors.fields.name}
      />
      <div className="md:col-span-2">
        <TextArea
          label="Description"
          name="description"
          value={form.description}
          onChange={(e) => setForm({ ...form, description: e.target.value })}
          error={errors.fields.description}
        />
      </div>
      <div className="md:col-span-2">
        <CheckboxGroup
          legend="Allowed lawful bases"
          name="allowedLawfulBases"
          options={basisOptions}
          value={form.allowedLawfulBases}
          onChange={(allowedLawfulBases) => setForm({ ...form, allowedLawfulBases })}
          error={errors.fields.allowedLawfulBases}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3 md:col-span-2">
        <Button type="submit" pending={pending}>
          {submitLabel}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        {errors.form && (
          <p className="text-sm text-red-700" data-testid="form-error">
            {errors.form}
          </p>
        )}
      </div>
    </form>
  );
}

function CreatePurpose() {
  const trpc = useTRPC();
  const invalidate = useInvalidatePurposes();
  const [open, setOpen] = useState(false);
  const create = useMutation(
    trpc.purposes.create.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        void invalidate();
      },
    }),
  );
  if (!open) {
    return (
      <div className="flex items-center gap-3">
        <Button
          onClick={() => {
            create.reset();
            setOpen(true);
          }}
        >
          Add purpose
        </Button>
        {create.isSuccess && (
          <p role="status" className="text-sm text-green-800">
            Purpose added.
          </p>
        )}
      </div>
    );
  }
  return (
    <Card title="Add a consent purpose">
      <PurposeForm
        initial={{ key: "", name: "", description: "", allowedLawfulBases: [] }}
        keyEditable
        submitLabel="Add purpose"
        pending={create.isPending}
        errors={formErrors(create.error)}
        onSubmit={(v) => create.mutate(v)}
        onCancel={() => setOpen(false)}
      />
    </Card>
  );
}

function EditPurpose({ purpose, onDone }: { purpose: Purpose; onDone: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidatePurposes();
  const update = useMutation(
    trpc.purposes.update.mutationOptions({
      onSuccess: () => {
        void invalidate();
        onDone();
      },
    }),
  );
  return (
    <section aria-label={`Edit ${purpose.name}`}>
      <PurposeForm
        initial={{ key: purpose.key, name: purpose.name, description: purpose.description, allowedLawfulBases: purpose.allowedLawfulBases }}
        keyEditable={false}
        submitLabel="Save changes"
        pending={update.isPending}
        errors={formErrors(update.error)}
        onSubmit={({ name, description, allowedLawfulBases }) => update.mutate({ id: purpose.id, name, description, allowedLawfulBases })}
        onCancel={onDone}
      />
    </section>
  );
}

function PurposeActions({ purpose, editing, onEdit }: { purpose: Purpose; editing: boolean; onEdit: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidatePurposes();
  const [retiring, setRetiring] = useState(false);
  const onSuccess = () => {
    setRetiring(false);
    void invalidate();
  };
  const retire = useMutation(trpc.purposes.retire.mutationOptions({ onSuccess }));
  const restore = useMutation(trpc.purposes.restore.mutationOptions({ onSuccess }));

  if (retiring) {
    return (
      <RetireForm
        subject={purpose.name}
        pending={retire.isPending}
        errors={formErrors(retire.error)}
        onSubmit={(reason) => retire.mutate({ id: purpose.id, reason })}
        onCancel={() => {
          retire.reset();
          setRetiring(false);
        }}
      />
    );
  }
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex gap-2">
        {!editing && (
          <Button variant="secondary" onClick={onEdit} aria-label={`Edit ${purpose.name}`}>
            Edit
          </Button>
        )}
        {purpose.retiredAt ? (
          <Button variant="secondary" pending={restore.isPending} onClick={() => restore.mutate({ id: purpose.id })} aria-label={`Restore ${purpose.name}`}>
            Restore
          </Button>
        ) : (
          <Button variant="danger" onClick={() => setRetiring(true)} aria-label={`Retire ${purpose.name}`}>
            Retire
          </Button>
        )}
      </div>
      {restore.error && (
        <p className="max-w-xs text-right text-sm whitespace-normal text-red-700" data-testid="form-error">
          {restore.error.message}
        </p>
      )}
    </div>
  );
}
