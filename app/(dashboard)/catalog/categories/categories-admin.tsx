"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useSearchParams } from "next/navigation";
import { Fragment, useState } from "react";
import { AuditHistoryLink } from "@/components/audit/history-link";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formErrors, type FormErrors } from "@/components/ui/errors";
import { CheckboxGroup, SelectField, TextArea, TextField } from "@/components/ui/field";
import { ActionsHeader, Badge, Card, TableWrap, td, th } from "@/components/ui/layout";
import { SensitivityBadge } from "@/components/ui/sensitivity-badge";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { LABELS, SENSITIVITIES, type Sensitivity } from "@/domain/vocab";
import type { AppRouter } from "@/server/trpc/root";
import { RetireForm } from "../retire-form";

type Category = inferRouterOutputs<AppRouter>["categories"]["list"][number];

type ViewOption = "special" | "retired";
const viewOptions = [
  { value: "special" as const, label: "Special categories only" },
  { value: "retired" as const, label: "Show retired" },
];

const depthOf = (key: string) => key.split(".").length - 1;

export function CategoriesAdmin() {
  const trpc = useTRPC();
  const canManage = useCan("category:manage");
  const searchParams = useSearchParams();
  const [view, setView] = useState<ViewOption[]>(searchParams.get("special") === "1" ? ["special"] : []);
  const [text, setText] = useState("");
  const includeRetired = view.includes("retired");
  // Keep the previous rows on screen while the other list loads, instead of flashing a spinner.
  const categories = useQuery({ ...trpc.categories.list.queryOptions({ includeRetired }), placeholderData: (prev) => prev });
  const [editing, setEditing] = useState<string | null>(null);
  const columns = canManage ? 5 : 4;

  const needle = text.trim().toLowerCase();
  const rows = (categories.data ?? []).filter(
    (c) =>
      (!view.includes("special") || c.isSpecialCategory) &&
      (!needle || c.key.toLowerCase().includes(needle) || c.name.toLowerCase().includes(needle)),
  );

  return (
    <div className="space-y-6">
      {canManage && <CreateCategory />}
      <div className="grid gap-4 md:grid-cols-[minmax(0,24rem)_1fr] md:items-end">
        <TextField label="Filter by key or name" name="filter" type="search" value={text} onChange={(e) => setText(e.target.value)} />
        <CheckboxGroup legend="Show" name="view" options={viewOptions} value={view} onChange={setView} />
      </div>
      {categories.isPending && <Spinner label="Loading data categories" />}
      {categories.error && <ErrorState message={categories.error.message} onRetry={() => categories.refetch()} />}
      {categories.data && categories.data.length === 0 && (
        <EmptyState title="No data categories yet">{canManage ? "Add one with “Add category”." : "A privacy officer can add them."}</EmptyState>
      )}
      {categories.data && categories.data.length > 0 && rows.length === 0 && <EmptyState title="No categories match these filters" />}
      {rows.length > 0 && (
        <TableWrap label="Data categories">
          <thead className="bg-slate-50">
            <tr>
              <th className={th}>Name</th>
              <th className={th}>Key</th>
              <th className={th}>Default sensitivity</th>
              <th className={th}>Status</th>
              {canManage && <ActionsHeader />}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((c) => (
              <Fragment key={c.id}>
                <tr data-testid={`category-row-${c.key}`}>
                  <td className={`${td} min-w-64`} style={{ paddingLeft: `${0.75 + depthOf(c.key) * 1.5}rem` }}>
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-medium">{c.name}</span>
                      {c.isSpecialCategory && <Badge tone="red">Special category</Badge>}
                    </div>
                    {c.description && <p className="mt-0.5 max-w-md text-xs text-slate-600">{c.description}</p>}
                  </td>
                  <td className={td}>
                    <code className="text-xs text-slate-800">{c.key}</code>
                  </td>
                  <td className={td}>
                    <SensitivityBadge value={c.defaultSensitivity} />
                  </td>
                  <td className={td}>
                    <div className="flex flex-col items-start gap-1">
                      {c.retiredAt ? <Badge tone="amber">Retired</Badge> : <Badge tone="green">Active</Badge>}
                      <AuditHistoryLink entityType="data_category" entityId={c.id} name={c.name} />
                    </div>
                  </td>
                  {canManage && (
                    <td className={`${td} whitespace-nowrap`}>
                      <CategoryActions category={c} editing={editing === c.id} onEdit={() => setEditing(c.id)} />
                    </td>
                  )}
                </tr>
                {editing === c.id && (
                  <tr>
                    <td colSpan={columns} className="bg-slate-50 px-3 py-4">
                      {/* Stays in view when the table is scrolled sideways to reach the Edit button. */}
                      <div className="sticky left-3 max-w-[calc(100vw-4rem)]">
                        <EditCategory category={c} onDone={() => setEditing(null)} />
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

function useInvalidateCategories() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: trpc.categories.list.queryKey() }),
      qc.invalidateQueries({ queryKey: trpc.dashboard.summary.queryKey() }),
    ]);
}

interface CategoryValues {
  key: string;
  name: string;
  description: string;
  defaultSensitivity: Sensitivity;
  isSpecialCategory: boolean;
}

/** The fields shared by the add and edit forms; the key (and so the parent) is only chosen when adding. */
function CategoryForm({
  initial,
  keyEditable,
  submitLabel,
  pending,
  errors,
  onSubmit,
  onCancel,
}: {
  initial: CategoryValues;
  keyEditable: boolean;
  submitLabel: string;
  pending: boolean;
  errors: FormErrors;
  onSubmit: (values: CategoryValues) => void;
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
        hint={keyEditable ? "The parent follows from the key: user.contact.email sits under user.contact." : "The key cannot be changed."}
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
      <SelectField
        label="Default sensitivity"
        name="defaultSensitivity"
        value={form.defaultSensitivity}
        onChange={(e) => setForm({ ...form, defaultSensitivity: e.target.value as Sensitivity })}
        error={errors.fields.defaultSensitivity}
      >
        {SENSITIVITIES.map((s) => (
          <option key={s} value={s}>
            {LABELS.sensitivity[s]}
          </option>
        ))}
      </SelectField>
      <CheckboxGroup
        legend="Special category"
        name="isSpecialCategory"
        options={[{ value: "special", label: "Special category data (GDPR Article 9)" }]}
        value={form.isSpecialCategory ? ["special"] : []}
        onChange={(v) => setForm({ ...form, isSpecialCategory: v.includes("special") })}
        error={errors.fields.isSpecialCategory}
      />
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

function CreateCategory() {
  const trpc = useTRPC();
  const invalidate = useInvalidateCategories();
  const [open, setOpen] = useState(false);
  const create = useMutation(
    trpc.categories.create.mutationOptions({
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
          Add category
        </Button>
        {create.isSuccess && (
          <p role="status" className="text-sm text-green-800">
            Category added.
          </p>
        )}
      </div>
    );
  }
  return (
    <Card title="Add a data category">
      <CategoryForm
        initial={{ key: "", name: "", description: "", defaultSensitivity: "confidential", isSpecialCategory: false }}
        keyEditable
        submitLabel="Add category"
        pending={create.isPending}
        errors={formErrors(create.error)}
        onSubmit={(v) => create.mutate(v)}
        onCancel={() => setOpen(false)}
      />
    </Card>
  );
}

function EditCategory({ category, onDone }: { category: Category; onDone: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateCategories();
  const update = useMutation(
    trpc.categories.update.mutationOptions({
      onSuccess: () => {
        void invalidate();
        onDone();
      },
    }),
  );
  return (
    <section aria-label={`Edit ${category.name}`}>
      <CategoryForm
        initial={{
          key: category.key,
          name: category.name,
          description: category.description,
          defaultSensitivity: category.defaultSensitivity,
          isSpecialCategory: category.isSpecialCategory,
        }}
        keyEditable={false}
        submitLabel="Save changes"
        pending={update.isPending}
        errors={formErrors(update.error)}
        onSubmit={({ name, description, defaultSensitivity, isSpecialCategory }) =>
          update.mutate({ id: category.id, name, description, defaultSensitivity, isSpecialCategory })
        }
        onCancel={onDone}
      />
    </section>
  );
}

function CategoryActions({ category, editing, onEdit }: { category: Category; editing: boolean; onEdit: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateCategories();
  const [retiring, setRetiring] = useState(false);
  const onSuccess = () => {
    setRetiring(false);
    void invalidate();
  };
  const retire = useMutation(trpc.categories.retire.mutationOptions({ onSuccess }));
  const restore = useMutation(trpc.categories.restore.mutationOptions({ onSuccess }));

  if (retiring) {
    return (
      <RetireForm
        subject={category.name}
        pending={retire.isPending}
        errors={formErrors(retire.error)}
        onSubmit={(reason) => retire.mutate({ id: category.id, reason })}
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
          <Button variant="secondary" onClick={onEdit} aria-label={`Edit ${category.name}`}>
            Edit
          </Button>
        )}
        {category.retiredAt ? (
          <Button variant="secondary" pending={restore.isPending} onClick={() => restore.mutate({ id: category.id })} aria-label={`Restore ${category.name}`}>
            Restore
          </Button>
        ) : (
          <Button variant="danger" onClick={() => setRetiring(true)} aria-label={`Retire ${category.name}`}>
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
