import Link from "next/link";
import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/states";
import { textLink } from "./format";

/** A definition list of label/value pairs; stacks on small screens. */
export function Facts({ items }: { items: Array<{ label: string; value: ReactNode; wide?: boolean }> }) {
  return (
    <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
      {items.map((i) => (
        <div key={i.label} className={i.wide ? "sm:col-span-2 lg:col-span-3" : undefined}>
          <dt className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{i.label}</dt>
          <dd className="mt-1 text-sm break-words text-slate-900">{i.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export const None = ({ children = "—" }: { children?: ReactNode }) => <span className="text-slate-600">{children}</span>;

export function NotFound({ what, href, back }: { what: string; href: string; back: string }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-slate-900">{what} not found</h1>
      <EmptyState title={`There is no ${what.toLowerCase()} at this address`}>
        <Link href={href} className={textLink}>
          {back}
        </Link>
      </EmptyState>
    </div>
  );
}
