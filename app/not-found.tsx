import type { Metadata } from "next";
import Link from "next/link";
import { linkButton, secondaryLinkButton } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

/** Any address Steward does not have a page for (Next.js renders it with a 404 status). */
export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-4 py-12">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm" data-testid="not-found">
        <p className="text-sm font-semibold text-brand-700">404 · Steward</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">Page not found</h1>
        <p className="mt-2 text-sm text-slate-700">There is no page at this address. It may have moved, or the link may be mistyped.</p>
        <div className="mt-6 flex flex-wrap gap-3">
          <Link href="/" className={linkButton}>
            Go to the dashboard
          </Link>
          <Link href="/catalog/segments" className={secondaryLinkButton}>
            Browse segments
          </Link>
        </div>
      </div>
    </main>
  );
}
