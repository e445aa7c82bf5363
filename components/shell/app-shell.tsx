"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { useRef, useState, type ReactNode } from "react";
import { ROLE_LABELS } from "@/server/authz/scopes";
import { CommandPalette, useShortcuts } from "./command-palette";
import { GlobalSearch } from "./global-search";
import { NotificationsBell } from "./notifications-bell";
import { ReviewsNavBadge } from "./reviews-nav-badge";
import { navFor } from "./pages";
import { useViewer } from "./permissions";

export function AppShell({ children }: { children: ReactNode }) {
  const viewer = useViewer();
  const pathname = usePathname();
  const items = navFor(viewer.roles);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const searchInput = useRef<HTMLInputElement>(null);
  useShortcuts(setPaletteOpen, searchInput);
  const isActive = (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));

  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-semibold text-brand-700">
            Steward
          </Link>
          <nav aria-label="Main" className="order-3 -mx-4 w-full overflow-x-auto px-4 md:order-none md:mx-0 md:w-auto md:px-0">
            {/* On a phone the items wrap onto a second row: scrolled sideways, Policies, Audit and
                Settings sat out of sight with nothing to say they were there. */}
            <ul className="flex flex-wrap gap-1 md:flex-nowrap">
              {items.map((item) => (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={isActive(item.href) ? "page" : undefined}
                    className={`block whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${
                      isActive(item.href) ? "bg-brand-50 text-brand-800" : "text-slate-700 hover:bg-slate-100"
                    }`}
                  >
                    {item.label}
                    {item.href === "/reviews" && <ReviewsNavBadge className="ml-1" />}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <GlobalSearch inputRef={searchInput} onOpenPalette={() => setPaletteOpen(true)} />
          <div className="ml-auto flex min-w-0 items-center gap-3">
            <NotificationsBell />
            <div className="max-w-40 min-w-0 text-right" data-testid="current-user">
              <p className="truncate text-sm font-medium text-slate-900">{viewer.name}</p>
              <p className="truncate text-xs text-slate-600">{viewer.roles.map((r) => ROLE_LABELS[r]).join(", ") || "No roles"}</p>
            </div>
            <button type="button" onClick={() => signOut({ callbackUrl: "/sign-in" })} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-50">
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
      <CommandPalette open={paletteOpen} onClose={() => setPaletteOpen(false)} />
    </div>
  );
}
