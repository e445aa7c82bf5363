"use client";

import { useMutation, useQueryClient, type QueryKey, type UseMutationOptions, type UseQueryResult } from "@tanstack/react-query";
import { Fragment, useState, type CSSProperties, type ReactNode } from "react";
import { AuditHistoryLink } from "@/components/audit/history-link";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formErrors, type FormErrors } from "@/components/ui/errors";
import { Badge, Card, TableHead, TableWrap, td } from "@/components/ui/layout";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { RetireForm } from "@/components/ui/reason-form";
import { ReferenceForm, type ReferenceValues, type SetValues } from "./reference-form";

/** What the admin needs of a row of reference data (a consent purpose, a data category). */
export interface ReferenceRow {
  id: string;
  key: string;
  name: string;
  retiredAt: Date | null;
}

export interface ReferenceColumn<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  className?: string;
  style?: (row: Row) => CSSProperties;
}

// Only the parts the admin relies on; the rest of tRPC's options object is spread through unchanged.
type Mutation<Input> = Pick<UseMutationOptions<unknown, Error, Input>, "mutationKey" | "mutationFn">;

/** The kind's tRPC mutations, e.g. `trpc.purposes.create.mutationOptions()`. */
export interface ReferenceMutations<V extends ReferenceValues> {
  create: Mutation<V>;
  update: Mutation<Omit<V, "key"> & { id: string }>;
  retire: Mutation<{ id: string; reason: string }>;
  restore: Mutation<{ id: string }>;
}

export interface ReferenceKind<Row extends ReferenceRow, V extends ReferenceValues> {
  /** Lower case, singular: "purpose" names the button "Add purpose" and the rows `purpose-row-<key>`. */
  noun: string;
  /** The table's label, plural: "Consent purposes". */
  label: string;
  /** Title of the add form: "Add a consent purpose". */
  addTitle: string;
  entityType: string;
  keyHint: string;
  /** The first column (the name); the key follows it. */
  nameColumn: ReferenceColumn<Row>;
  /** The columns between the key and the status. */
  columns: ReferenceColumn<Row>[];
  emptyValues: V;
  toValues: (row: Row) => V;
  extraFields: (form: V, setForm: SetValues<V>, errors: FormErrors) => ReactNode;
  listKey: QueryKey;
  mutations: ReferenceMutations<V>;
}

/**
 * The admin page of one kind of reference data: add, edit inline, retire with a reason, restore.
 * Purposes and categories differ only in their columns and extra fields.
 */
export function ReferenceAdmin<Row extends ReferenceRow, V extends ReferenceValues, E extends { message: string }>({
  kind,
  canManage,
  query,
  rows,
  filters,
  emptyTitle,
  noMatchTitle,
}: {
  kind: ReferenceKind<Row, V>;
  canManage: boolean;
  query: UseQueryResult<Row[], E>;
  /** The rows to show, when filtered on the client; all of them otherwise. */
  rows?: Row[];
  filters: ReactNode;
  emptyTitle: string;
  noMatchTitle?: string;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const shown = rows ?? query.data ?? [];
  const columnCount = 3 + kind.columns.length + (canManage ? 1 : 0);
  const cell = (column: ReferenceColumn<Row>, row: Row, key?: string) => (
    <td key={key} className={column.className ? `${td} ${column.className}` : td} style={column.style?.(row)}>
      {column.cell(row)}
    </td>
  );

  return (
    <div className="space-y-6">
      {canManage && <CreateReference kind={kind} />}
      {filters}
      {query.isPending && <Spinner label={`Loading ${kind.label.toLowerCase()}`} />}
      {query.error && <ErrorState message={query.error.message} onRetry={() => query.refetch()} />}
      {query.data && query.data.length === 0 && <EmptyState title={emptyTitle}>{canManage ? `Add one with “Add ${kind.noun}”.` : "A privacy officer can add them."}</EmptyState>}
      {noMatchTitle && query.data && query.data.length > 0 && shown.length === 0 && <EmptyState title={noMatchTitle} />}
      {shown.length > 0 && (
        <TableWrap label={kind.label}>
          <TableHead columns={[kind.nameColumn.header, "Key", ...kind.columns.map((c) => c.header), "Status"]} actions={canManage} />
          <tbody className="divide-y divide-slate-100">
            {shown.map((row) => (
              <Fragment key={row.id}>
                <tr data-testid={`${kind.noun}-row-${row.key}`}>
                  {cell(kind.nameColumn, row)}
                  <td className={td}>
                    <code className="text-xs text-slate-800">{row.key}</code>
                  </td>
                  {kind.columns.map((c) => cell(c, row, c.header))}
                  <td className={td}>
                    <div className="flex flex-col items-start gap-1">
                      {row.retiredAt ? <Badge tone="amber">Retired</Badge> : <Badge tone="green">Active</Badge>}
                      <AuditHistoryLink entityType={kind.entityType} entityId={row.id} name={row.name} />
                    </div>
                  </td>
                  {canManage && (
                    <td className={`${td} whitespace-nowrap`}>
                      <ReferenceActions kind={kind} row={row} editing={editing === row.id} onEdit={() => setEditing(row.id)} />
                    </td>
                  )}
                </tr>
                {editing === row.id && (
                  <tr>
                    <td colSpan={columnCount} className="bg-slate-50 px-3 py-4">
                      {/* Stays in view when the table is scrolled sideways to reach the Edit button. */}
                      <div className="sticky left-3 max-w-[calc(100vw-4rem)]">
                        <EditReference kind={kind} row={row} onDone={() => setEditing(null)} />
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

function useInvalidate(listKey: QueryKey) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: listKey }), qc.invalidateQueries({ queryKey: trpc.dashboard.summary.queryKey() })]);
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function CreateReference<Row extends ReferenceRow, V extends ReferenceValues>({ kind }: { kind: ReferenceKind<Row, V> }) {
  const invalidate = useInvalidate(kind.listKey);
  const [open, setOpen] = useState(false);
  const create = useMutation({
    ...kind.mutations.create,
    onSuccess: () => {
      setOpen(false);
      void invalidate();
    },
  });
  if (!open) {
    return (
      <div className="flex items-center gap-3">
        <Button
          onClick={() => {
            create.reset();
            setOpen(true);
          }}
        >
          Add {kind.noun}
        </Button>
        {create.isSuccess && (
          <p role="status" className="text-sm text-green-800">
            {capitalised(kind.noun)} added.
          </p>
        )}
      </div>
    );
  }
  return (
    <Card title={kind.addTitle}>
      <ReferenceForm
        initial={kind.emptyValues}
        keyEditable
        keyHint={kind.keyHint}
        extraFields={kind.extraFields}
        submitLabel={`Add ${kind.noun}`}
        pending={create.isPending}
        errors={formErrors(create.error)}
        onSubmit={(v) => create.mutate(v)}
        onCancel={() => setOpen(false)}
      />
    </Card>
  );
}

function EditReference<Row extends ReferenceRow, V extends ReferenceValues>({ kind, row, onDone }: { kind: ReferenceKind<Row, V>; row: Row; onDone: () => void }) {
  const invalidate = useInvalidate(kind.listKey);
  const update = useMutation({
    ...kind.mutations.update,
    onSuccess: () => {
      void invalidate();
      onDone();
    },
  });
  return (
    <section aria-label={`Edit ${row.name}`}>
      <ReferenceForm
        initial={kind.toValues(row)}
        keyEditable={false}
        keyHint={kind.keyHint}
        extraFields={kind.extraFields}
        submitLabel="Save changes"
        pending={update.isPending}
        errors={formErrors(update.error)}
        onSubmit={({ key: _key, ...changes }) => update.mutate({ ...changes, id: row.id })}
        onCancel={onDone}
      />
    </section>
  );
}

function ReferenceActions<Row extends ReferenceRow, V extends ReferenceValues>({
  kind,
  row,
  editing,
  onEdit,
}: {
  kind: ReferenceKind<Row, V>;
  row: Row;
  editing: boolean;
  onEdit: () => void;
}) {
  const invalidate = useInvalidate(kind.listKey);
  const [retiring, setRetiring] = useState(false);
  const onSuccess = () => {
    setRetiring(false);
    void invalidate();
  };
  const retire = useMutation({ ...kind.mutations.retire, onSuccess });
  const restore = useMutation({ ...kind.mutations.restore, onSuccess });

  if (retiring) {
    return (
      <RetireForm
        subject={row.name}
        pending={retire.isPending}
        errors={formErrors(retire.error)}
        onSubmit={(reason) => retire.mutate({ id: row.id, reason })}
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
          <Button variant="secondary" onClick={onEdit} aria-label={`Edit ${row.name}`}>
            Edit
          </Button>
        )}
        {row.retiredAt ? (
          <Button variant="secondary" pending={restore.isPending} onClick={() => restore.mutate({ id: row.id })} aria-label={`Restore ${row.name}`}>
            Restore
          </Button>
        ) : (
          <Button variant="danger" onClick={() => setRetiring(true)} aria-label={`Retire ${row.name}`}>
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
