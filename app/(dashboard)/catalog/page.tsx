import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/layout";
import { ErrorState, Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/rsc";

export const metadata: Metadata = { title: "Catalog" };

/** Every count is asked for separately, so one failure leaves the others on screen. */
async function loadCounts() {
  const caller = await serverCaller();
  const one = { page: 1, pageSize: 1 };
  const [segments, sources, signals, summary] = await Promise.allSettled([caller.segments.list(one), caller.sources.list(one), caller.signals.list(one), caller.dashboard.summary()]);
  // Lists count up to 10,000 (search-sql COUNT_CAP) and say so beyond.
  const total = (r: PromiseSettledResult<{ total: number; totalCapped: boolean }>) =>
    r.status !== "fulfilled" ? undefined : r.value.totalCapped ? `${r.value.total.toLocaleString("en-US")}+` : r.value.total;
  const s = summary.status === "fulfilled" ? summary.value : undefined;
  return {
    counts: { segments: total(segments), sources: total(sources), signals: total(signals), purposes: s?.consentPurposes, categories: s?.dataCategories },
    failed: [segments, sources, signals, summary].some((r) => r.status === "rejected"),
  };
}

export default async function CatalogPage() {
  const denied = await deniedReason("dashboard:read");
  if (denied) return <Forbidden reason={denied} />;
  const { counts, failed } = await loadCounts();
  const sections = [
    {
      href: "/catalog/segments",
      title: "Segments",
      count: counts.segments,
      noun: ["segment", "segments"],
      text: "Audience segments: why each exists, what data feeds it and where it is in review.",
    },
    {
      href: "/catalog/sources",
      title: "Data sources",
      count: counts.sources,
      noun: ["data source", "data sources"],
      text: "The systems data comes from: owner, jurisdictions, retention, protection and where consent is captured.",
    },
    {
      href: "/catalog/signals",
      title: "Signals",
      count: counts.signals,
      noun: ["signal", "signals"],
      text: "The data elements segments use, each with its category, fidelity and the consent it was collected under.",
    },
    {
      href: "/catalog/purposes",
      title: "Consent purposes",
      count: counts.purposes,
      noun: ["purpose", "purposes"],
      text: "What data may be used for, and the lawful bases each purpose allows.",
    },
    {
      href: "/catalog/categories",
      title: "Data categories",
      count: counts.categories,
      noun: ["category", "categories"],
      text: "The kinds of personal data Steward knows about, with their sensitivity.",
    },
  ] as const;

  return (
    <>
      <PageHeader title="Catalog" description="Segments and everything they are checked against. Counts leave out retired entries." />
      <div className="space-y-4">
        {failed && <ErrorState message="Some counts could not be loaded. Reload the page to try again." />}
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
          {sections.map((s) => (
            <li key={s.href}>
              <Link href={s.href} className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600">
                <h2 className="text-base font-semibold text-slate-900">{s.title}</h2>
                {s.count !== undefined && (
                  <p className="mt-1 text-3xl font-semibold text-slate-900">
                    {s.count} <span className="text-sm font-normal text-slate-600">{s.count === 1 ? s.noun[0] : s.noun[1]}</span>
                  </p>
                )}
                <p className="mt-2 text-sm text-slate-700">{s.text}</p>
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
