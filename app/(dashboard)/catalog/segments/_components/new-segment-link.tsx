"use client";

import Link from "next/link";
import { useCan } from "@/components/shell/permissions";

export const linkButton =
  "inline-flex items-center justify-center gap-2 rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white hover:bg-brand-800";
export const secondaryLinkButton =
  "inline-flex items-center justify-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50";

export function NewSegmentLink() {
  if (!useCan("segment:create")) return null;
  return (
    <Link href="/catalog/segments/new" className={linkButton}>
      New segment
    </Link>
  );
}
