"use client";

import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";

/** Shown when someone else saved first: the user decides, nothing is overwritten. */
export function ConflictAlert({ message, pending, error, onReload }: { message: string; pending: boolean; error: string | null; onReload: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3" data-testid="conflict-alert">
      <h2 className="text-base font-semibold text-amber-900">This segment changed while you were editing</h2>
      <p className="mt-1 text-sm text-amber-900">{message}</p>
      <p className="mt-1 text-sm text-amber-900">Reloading shows the latest version in this form. Your unsaved changes here will be lost, so copy anything you want to keep first.</p>
      <Button className="mt-3" onClick={onReload} pending={pending}>
        Reload latest version
      </Button>
      {error && <p className="mt-2 text-sm text-red-700">{error}</p>}
    </div>
  );
}
