"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { useCan } from "@/components/shell/permissions";
import type { Scope } from "@/server/authz/scopes";
import { linkButton } from "./format";

/** A primary link shown only to those who hold `scope`; the server refuses the rest anyway. */
export function ManageLink({ scope, href, children }: { scope: Scope; href: string; children: ReactNode }) {
  if (!useCan(scope)) return null;
  return (
    <Link href={href} className={linkButton}>
      {children}
    </Link>
  );
}
