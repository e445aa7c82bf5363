"use client";

import Link from "next/link";
import { useCan } from "@/components/shell/permissions";
import { linkButton } from "@/components/ui/button";

export function NewSegmentLink() {
  if (!useCan("segment:create")) return null;
  return (
    <Link href="/catalog/segments/new" className={linkButton}>
      New segment
    </Link>
  );
}
