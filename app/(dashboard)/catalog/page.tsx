import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/layout";
import { EmptyState, ErrorState, Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/rsc";

export const metadata: Metadata = { title: "Catalog" };

async function loadSummary() {
  try {
    return { summary: await (await serverCaller()).dashboard.summary(), error: null };
  } catch {
    return { summary: null, error: "The counts could not be loaded. Reload the page to try again." };
  }
}

export default async function CatalogPage() {
  const denied = await deniedReason("dashboard:read");
  if (denied) return <Forbidden reason={denied} />;
  const { summary, error } = await loadSummary();
  const sections = [
    {
      href: "/catalog/purposes",
      title: "Consent purposes",
      count: summary?.consentPurposes,
      text: "What data may be used for, and the lawful bases each purpose allows.",
    },
    {
      href: "/catalog/categories",
      title: "Data categories",
      count: summary?.dataCategories,
      text: "The kinds of personal data Steward knows about, with their sensitivity.",
    },
  ];

  return (
    <>
      <PageHeader title="Catalog" description="The reference data every segment is checked against." />
      <div className="space-y-4">
        {error && <ErrorState message={error} />}
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-2">
          {sections.map((s) => (
            <li key={s.href}>
              <Link href={s.href} className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600">
                <h2 className="text-base font-semibold text-slate-900">{s.title}</h2>
                {s.count !== undefined && (
                  <p className="mt-1 text-3xl font-semibold text-slate-900">
                    {s.count} <span className="text-sm font-normal text-slate-600">active</span>
                  </p>
                )}
                <p className="mt-2 text-sm text-slate-700">{s.text}</p>
              </Link>
            </li>
          ))}
        </ul>
        <Card title="Segments">
          <EmptyState title="No segments yet">
            Segments, the data sources they are built from and the signals they use will be documented here.
          </EmptyState>
        </Card>
      </div>
    </>
  );
}
