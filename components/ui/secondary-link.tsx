import Link from "next/link";
import type { ReactNode } from "react";
import { secondaryLinkButton } from "./button";

/** A page action that goes somewhere else (a link styled as a secondary button, never a button). */
export function SecondaryLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className={secondaryLinkButton}>
      {children}
    </Link>
  );
}
