import Link from "next/link";
import type { ReactNode } from "react";
import { textLink } from "./button";
import { PageHeader } from "./layout";

/** The way back up, above a page's title: "Segments" on a segment, "Policies" on exceptions. */
export function Breadcrumb({ href, label }: { href: string; label: string }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm">
      <Link href={href} className={textLink}>
        {label}
      </Link>
    </nav>
  );
}

/** A detail page's header: the way back up, the title, and the badges and facts under it. */
export function DetailHeader({
  back,
  title,
  badges,
  badgesTestId,
  actions,
}: {
  back: { href: string; label: string };
  title: string;
  badges: ReactNode;
  badgesTestId?: string;
  actions?: ReactNode;
}) {
  return (
    <>
      <Breadcrumb href={back.href} label={back.label} />
      <PageHeader
        title={title}
        description={
          <span className="flex flex-wrap items-center gap-2" data-testid={badgesTestId}>
            {badges}
          </span>
        }
        actions={actions}
      />
    </>
  );
}
