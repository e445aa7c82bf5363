"use client";

import { useQueries, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { DateField } from "@/components/ui/date-field";
import { Card, TableHead, TableWrap } from "@/components/ui/layout";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, auditEntityLabel, type AuditAction } from "@/domain/audit-actions";
import { EventRow, EVENT_COLUMNS } from "./_components/event-row";
import { ExportPanel } from "./_components/export-panel";
import { AUDIT_ACTIONS, EMPTY_FILTERS, readFilters, toListInput, toQueryString, utcDay, type AuditFilters } from "./filters";

export function AuditTrail() {
  const searchParams = useSearchParams();
  const filters = readFilters((name) => searchParams.get(name));
  const query = toQueryString(filters);
  const canExport = useCan("audit:export");
  return (
    <div className="space-y-6">
      {filters.entityType && filters.entityId && <EntityBanner filters={filters} />}
      {/* A shared link changes the filters without remounting the page: start the form again. */}
      <FilterForm key={query} initial={filters} />
      {canExport && <ExportPanel filters={filters} />}
      {/* A new filter starts again from the newest page. */}
      <EventList key={query} filters={filters} />
    </div>
  );
}

function EntityBanner({ filters }: { filters: AuditFilters }) {
  const pathname = usePathname();
  const rest = toQueryString({ ...filters, entityType: "", entityId: "" });
  // The list's first page, already loaded or on its way: its events name the entity.
  const trpc = useTRPC();
  const page = useQuery({ ...trpc.audit.list.queryOptions(toListInput(filters)), staleTime: Infinity });
  const name = page.data?.events.find((e) => e.entityName)?.entityName;
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-slate-800" data-testid="entity-banner">
      <p>
        History of {auditEntityLabel(filters.entityType).toLowerCase()} {name ? <strong className="break-words">{name}</strong> : null}{" "}
        <code className="text-xs break-all">{filters.entityId}</code>
      </p>
      <Link href={rest ? `${pathname}?${rest}` : pathname} className="font-medium text-brand-700 underline">
        Show all entities
      </Link>
    </div>
  );
}

function FilterForm({ initial }: { initial: AuditFilters }) {
  const router = useRouter();
  const pathname = usePathname();
  const [form, setForm] = useState(initial);
  const [dateError, setDateError] = useState<string | null>(null);
  const set = (name: keyof AuditFilters) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });
  const apply = (next: AuditFilters) => {
    const qs = toQueryString(next);
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };
  // Keep an action from a shared link selectable even if this list does not know it.
  const actions = initial.action && !AUDIT_ACTIONS.includes(initial.action) ? [initial.action, ...AUDIT_ACTIONS] : AUDIT_ACTIONS;
  const entityTypes = Object.keys(AUDIT_ENTITY_LABELS).sort((a, b) => auditEntityLabel(a).localeCompare(auditEntityLabel(b)));
  if (initial.entityType && !entityTypes.includes(initial.entityType)) entityTypes.unshift(initial.entityType);

  return (
    <Card title="Filter events">
      <form
        className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3"
        onSubmit={(e) => {
          e.preventDefault();
          const from = utcDay(form.from, "00:00:00.000");
          const to = utcDay(form.to, "23:59:59.999");
          const error = from && to && from > to ? "The end date is before the start date." : null;
          setDateError(error);
          if (!error) apply(form);
        }}
      >
        <SelectField label="Action" name="action" value={form.action} onChange={set("action")}>
          <option value="">Any action</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {AUDIT_ACTION_LABELS[a as AuditAction] ?? a}
            </option>
          ))}
        </SelectField>
        <TextField label="Actor" name="actor" value={form.actor} onChange={set("actor")} hint="Part of the email" />
        <SelectField label="Entity type" name="entityType" value={form.entityType} onChange={set("entityType")}>
          <option value="">Any entity</option>
          {entityTypes.map((t) => (
            <option key={t} value={t}>
              {auditEntityLabel(t)}
            </option>
          ))}
        </SelectField>
        <TextField label="Entity ID" name="entityId" value={form.entityId} onChange={set("entityId")} hint="Exact, e.g. a user's ID" />
        <DateField label="From (UTC)" name="from" value={form.from} onChange={(from) => setForm({ ...form, from })} />
        <DateField label="To (UTC)" name="to" value={form.to} onChange={(to) => setForm({ ...form, to })} error={dateError} />
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-3">
          <Button type="submit">Apply filters</Button>
          <Button
            variant="secondary"
            onClick={() => {
              setForm(EMPTY_FILTERS);
              setDateError(null);
              apply(EMPTY_FILTERS);
            }}
          >
            Clear filters
          </Button>
        </div>
      </form>
    </Card>
  );
}

function EventList({ filters }: { filters: AuditFilters }) {
  const trpc = useTRPC();
  const input = toListInput(filters);
  // Cursors of the older pages loaded so far; the newest page has none.
  const [cursors, setCursors] = useState<number[]>([]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const pages = useQueries({
    queries: [undefined, ...cursors].map((before) => ({
      ...trpc.audit.list.queryOptions(before ? { ...input, before } : input),
      // Refetching the newest page on its own would leave a gap before the older pages, so the
      // list is a snapshot until "Refresh" (older pages never change: the trail is append-only).
      staleTime: Infinity,
    })),
  });
  const first = pages[0]!;
  const last = pages[pages.length - 1]!;
  const events = pages.flatMap((p) => p.data?.events ?? []);
  const nextBefore = last.data?.nextBefore ?? null;

  const toggle = (id: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  if (first.isPending) return <Spinner label="Loading events" />;
  if (first.error) return <ErrorState message={first.error.message} onRetry={() => first.refetch()} />;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600" role="status">
          {events.length === 1 ? "1 event shown" : `${events.length} events shown`}, newest first.
        </p>
        <Button
          variant="secondary"
          pending={first.isFetching}
          onClick={() => {
            setCursors([]);
            void first.refetch();
          }}
        >
          Refresh
        </Button>
      </div>
      {events.length === 0 ? (
        <EmptyState title="No events match these filters" />
      ) : (
        <TableWrap label="Audit events">
          <TableHead columns={[...EVENT_COLUMNS]} />
          <tbody className="divide-y divide-slate-100">
            {events.map((e) => (
              <EventRow
                key={e.id}
                event={e}
                expanded={expanded.has(e.id)}
                onToggle={() => toggle(e.id)}
                isThisEntity={filters.entityType === e.entityType && filters.entityId === e.entityId}
              />
            ))}
          </tbody>
        </TableWrap>
      )}
      {last.error && <ErrorState message={last.error.message} onRetry={() => last.refetch()} />}
      {(nextBefore || last.isPending) && (
        <Button variant="secondary" pending={last.isPending} onClick={() => nextBefore && setCursors([...cursors, nextBefore])}>
          Load older
        </Button>
      )}
    </div>
  );
}
