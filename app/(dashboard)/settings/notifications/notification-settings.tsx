"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Card } from "@/components/ui/layout";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { useHydrated } from "@/components/ui/use-hydrated";
import { EMAIL_KIND_INFO, type EmailKind } from "@/domain/email-kinds";

/** The choices being saved, by kind. */
type Choices = Partial<Record<EmailKind, boolean>>;

/** One checkbox per kind of e-mail the person's roles receive; each change is saved at once. */
export function NotificationSettings() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const prefs = useQuery(trpc.email.preferences.queryOptions());
  const hydrated = useHydrated();
  const [saved, setSaved] = useState<string | null>(null);
  // The box must show the new choice in the same event as the click: React puts a controlled box
  // back to its value once the event ends, and the query's own update (setQueryData below) reaches
  // the component only a tick later, so without this the box would flick back for that tick and
  // a quick second click would undo the first. An entry lasts until its save is settled.
  const [choosing, setChoosing] = useState<Choices>({});
  const key = trpc.email.preferences.queryKey();
  const setKind = (kind: EmailKind, enabled: boolean) => qc.setQueryData(key, (old) => old && { ...old, kinds: old.kinds.map((k) => (k.kind === kind ? { ...k, enabled } : k)) });
  // The list keeps the choice rather than flicking back while it reloads; a refused change puts
  // the old one back and says why. Callbacks sit here, not on mutate(), so each of several quick
  // changes gets its own.
  const save = useMutation(
    trpc.email.setPreference.mutationOptions({
      onSuccess: (r) => {
        const label = EMAIL_KIND_INFO[r.kind].label;
        setSaved(`Saved: “${label}” e-mails are ${r.enabled ? "on" : "off"}.`);
      },
      onError: (_error, { kind, enabled }) => setKind(kind, !enabled),
      onSettled: (_data, _error, { kind, enabled }) => {
        setChoosing((c) => (c[kind] === enabled ? withoutKind(c, kind) : c));
        return qc.invalidateQueries({ queryKey: key });
      },
    }),
  );
  const choose = (kind: EmailKind, enabled: boolean) => {
    setSaved(null);
    setChoosing((c) => ({ ...c, [kind]: enabled }));
    void qc.cancelQueries({ queryKey: key });
    setKind(kind, enabled);
    save.mutate({ kind, enabled });
  };

  if (prefs.isPending) return <Spinner label="Loading your e-mail settings" />;
  if (prefs.error) return <ErrorState message={prefs.error.message} onRetry={() => prefs.refetch()} />;
  const { mailOn, address, kinds } = prefs.data;

  return (
    <div className="max-w-2xl space-y-4">
      {mailOn ? (
        <p className="text-sm text-slate-700" data-testid="mail-status">
          E-mail is on. Messages go to <span className="font-medium break-all">{address}</span>.
        </p>
      ) : (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="mail-status">
          <p className="font-medium">E-mail is off on this Steward.</p>
          <p className="mt-1">
            No mail server is set up (STEWARD_SMTP_URL), so Steward sends no e-mail.{kinds.length > 0 && " Your choices below are kept and apply once an administrator turns e-mail on."}
          </p>
        </div>
      )}
      {kinds.length === 0 ? (
        <EmptyState title="Steward sends no e-mail to your roles">
          Reviewers, people who ask for reviews and privacy officers get e-mail; your roles receive only in-app notifications.
        </EmptyState>
      ) : (
        <Card>
          <fieldset>
            <legend className="text-base font-semibold text-slate-900">Send me an e-mail when…</legend>
            <ul className="mt-3 divide-y divide-slate-100">
              {kinds.map((k) => {
                const id = `email-kind-${k.kind}`;
                return (
                  <li key={k.kind} className="flex items-start gap-3 py-3">
                    <input
                      id={id}
                      type="checkbox"
                      className="mt-1 size-4 shrink-0 accent-brand-700"
                      checked={choosing[k.kind] ?? k.enabled}
                      disabled={!hydrated}
                      aria-describedby={`${id}-help`}
                      onChange={(e) => choose(k.kind, e.target.checked)}
                    />
                    <div className="min-w-0">
                      <label htmlFor={id} className="text-sm font-medium text-slate-900">
                        {k.label}
                      </label>
                      <p id={`${id}-help`} className="text-sm text-slate-600">
                        {k.description}
                      </p>
                    </div>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        </Card>
      )}
      <p role="status" className="min-h-5 text-sm text-slate-700">
        {saved}
      </p>
      {save.error && (
        <p role="alert" className="text-sm text-red-700">
          Your change was not saved: {save.error.message}
        </p>
      )}
    </div>
  );
}

function withoutKind(choices: Choices, kind: EmailKind): Choices {
  const others = { ...choices };
  delete others[kind];
  return others;
}
