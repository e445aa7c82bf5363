import type { ReactNode } from "react";

export function Spinner({ label = "Loading" }: { label?: string }) {
  return (
    <div role="status" className="flex items-center gap-2 py-6 text-sm text-slate-600">
      <span className="size-4 animate-spin rounded-full border-2 border-brand-600 border-t-transparent" aria-hidden />
      {label}…
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <p className="font-medium text-slate-800">{title}</p>
      {children && <div className="mt-2 text-sm text-slate-600">{children}</div>}
    </div>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="error-state">
      <p>{message}</p>
      {onRetry && (
        <button type="button" onClick={onRetry} className="mt-2 font-medium underline">
          Try again
        </button>
      )}
    </div>
  );
}

export function Forbidden({ reason }: { reason: string }) {
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-amber-300 bg-amber-50 px-6 py-8" data-testid="forbidden">
      <h1 className="text-lg font-semibold text-amber-900">You don’t have access to this page</h1>
      <p className="mt-2 text-sm text-amber-900">{reason}</p>
      <p className="mt-2 text-sm text-amber-900">If you need it, ask an admin to change your roles.</p>
    </div>
  );
}

/** A page whose data could not be loaded: its title still stands, with the error and a retry under it. */
export function PageError({ title, message, onRetry }: { title: string; message: string; onRetry: () => void }) {
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold text-slate-900">{title}</h1>
      <ErrorState message={message} onRetry={onRetry} />
    </>
  );
}
