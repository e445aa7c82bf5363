import type { ReactNode } from "react";

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
        {description && <p className="mt-1 max-w-3xl text-sm text-slate-600">{description}</p>}
      </div>
      {actions && <div className="flex shrink-0 gap-2">{actions}</div>}
    </div>
  );
}

export function Card({ title, children, className = "", id }: { title?: string; children: ReactNode; className?: string; id?: string }) {
  return (
    <section id={id} className={`scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm ${className}`}>
      {title && <h2 className="mb-3 text-base font-semibold text-slate-900">{title}</h2>}
      {children}
    </section>
  );
}

export function Badge({ children, tone = "slate" }: { children: ReactNode; tone?: "slate" | "green" | "amber" | "red" | "blue" }) {
  const tones = {
    slate: "bg-slate-100 text-slate-800",
    green: "bg-green-100 text-green-900",
    amber: "bg-amber-100 text-amber-900",
    red: "bg-red-100 text-red-900",
    blue: "bg-blue-100 text-blue-900",
  };
  return <span className={`inline-flex items-center rounded px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}

/** Tables scroll sideways inside their card on narrow screens instead of breaking the page
 * (relative, so that visually hidden headers stay inside the scroll box too). */
export function TableWrap({ children, label }: { children: ReactNode; label: string }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white" role="region" aria-label={label} tabIndex={0}>
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">{children}</table>
    </div>
  );
}

export const th = "px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-600";
export const td = "px-3 py-2 align-top text-slate-800";

/** The header over a column of row actions: named for screen readers, blank on screen. */
export function ActionsHeader() {
  return (
    <th className={th}>
      <span className="sr-only">Actions</span>
    </th>
  );
}

export type HeadColumn = string | { label: string; className?: string; srOnly?: boolean };

/** A table's header row: one column heading per entry, then the actions column if asked. */
export function TableHead({ columns, actions = false }: { columns: HeadColumn[]; actions?: boolean }) {
  return (
    <thead className="bg-slate-50">
      <tr>
        {columns.map((c) => {
          const { label, className, srOnly } = typeof c === "string" ? { label: c } : c;
          return (
            <th key={label} className={className ? `${th} ${className}` : th}>
              {srOnly ? <span className="sr-only">{label}</span> : label}
            </th>
          );
        })}
        {actions && <ActionsHeader />}
      </tr>
    </thead>
  );
}
