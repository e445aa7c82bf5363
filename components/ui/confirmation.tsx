"use client";

import Link from "next/link";
import { useEffect, useState, type ReactNode } from "react";
import { Button } from "./button";

export interface ConfirmationUndo {
  label: string;
  /** For how long after the message appears the button is offered; the server enforces its own limit. */
  forMs: number;
  /** Whether the server says it may be undone now (it may only know once the change has been read back). */
  available: boolean;
  pending: boolean;
  onUndo: () => void;
}

/**
 * Says what just happened and links to it, after an action such as Activate, Pause or Submit;
 * optionally with an undo for a short while. A live region, so that screen readers hear it.
 */
export function Confirmation({ children, link, undo, onDismiss }: { children: ReactNode; link?: { href: string; label: string }; undo?: ConfirmationUndo; onDismiss: () => void }) {
  const undoOpen = useFor(undo?.forMs ?? 0);
  return (
    <div role="status" className="flex items-start gap-3 rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-950" data-testid="confirmation">
      <p className="min-w-0 flex-1 self-center">
        {children}
        {link && (
          <>
            {" "}
            <Link href={link.href} className="font-medium text-brand-800 underline underline-offset-2">
              {link.label}
            </Link>
          </>
        )}
      </p>
      <div className="flex shrink-0 flex-wrap items-center justify-end gap-2">
        {undo?.available && undoOpen && (
          <Button variant="secondary" pending={undo.pending} onClick={undo.onUndo}>
            {undo.label}
          </Button>
        )}
        <Button variant="ghost" onClick={onDismiss} aria-label="Dismiss this message">
          <span aria-hidden>×</span>
        </Button>
      </div>
    </div>
  );
}

/** True for the given time after the first render, then false (re-rendering once when it passes). */
function useFor(ms: number): boolean {
  const [open, setOpen] = useState(ms > 0);
  useEffect(() => {
    if (ms <= 0) return;
    const timer = setTimeout(() => setOpen(false), ms);
    return () => clearTimeout(timer);
  }, [ms]);
  return open;
}
