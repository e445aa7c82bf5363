"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import type { inferRouterInputs } from "@trpc/server";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import type { z } from "zod";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { CheckboxGroup, TextArea } from "@/components/ui/field";
import { ErrorState, Spinner } from "@/components/ui/states";
import { FormActions } from "@/components/ui/form-actions";
import { Card } from "@/components/ui/layout";
import { requestJustification } from "@/domain/review-proposals";
import type { AppRouter } from "@/server/trpc/root";
import { useInvalidateReviews } from "../invalidate";

export type RequestInput = inferRouterInputs<AppRouter>["reviews"]["request"];
export type FieldErrors = Record<string, string>;

/** The first message for each field of a zod error, by dotted path ("rule.count"). */
export function issuesByField(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const i of error.issues) {
    const path = i.path.join(".") || "form";
    out[path] ??= i.message;
  }
  return out;
}

/**
 * A "Ask for … review" button that opens the request's form in a card below it; only for people
 * whose roles hold review:request. Sent, it opens the new request's page.
 */
export function ProposalPanel({
  buttonLabel,
  title,
  intro,
  children,
}: {
  buttonLabel: string;
  title: string;
  intro: ReactNode;
  /** The form, given a way to close the panel. */
  children: (close: () => void) => ReactNode;
}) {
  const can = useCan("review:request");
  const [open, setOpen] = useState(false);
  const panelId = useId();
  if (!can) return null;
  return (
    <div className="space-y-3">
      {!open && (
        <Button variant="secondary" aria-expanded={false} aria-controls={panelId} onClick={() => setOpen(true)}>
          {buttonLabel}
        </Button>
      )}
      {open && (
        <div id={panelId}>
          <Card title={title}>
            <div className="space-y-4">
              <p className="text-sm text-slate-700">{intro}</p>
              {children(() => setOpen(false))}
            </div>
          </Card>
        </div>
      )}
    </div>
  );
}

/**
 * The form around a proposal's fields: the justification, send and cancel. `build` checks the
 * fields with the type's schema (domain/review-proposals) and returns the input, or the errors
 * to show at the fields; after the first try they follow every change. The server checks the
 * same schema again.
 */
export function ProposalForm({
  label,
  build,
  onCancel,
  children,
}: {
  label: string;
  build: (justification: string) => { input: RequestInput } | { errors: FieldErrors };
  onCancel: () => void;
  /** The type's fields, given the errors to show at them. */
  children: (errors: FieldErrors) => ReactNode;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const invalidate = useInvalidateReviews();
  const [justification, setJustification] = useState("");
  const [tried, setTried] = useState(false);
  const send = useMutation(
    trpc.reviews.request.mutationOptions({
      onSuccess: async ({ id }) => {
        await invalidate();
        router.push(`/reviews/${id}`);
      },
    }),
  );
  const server = formErrors(send.error);
  const why = requestJustification.safeParse(justification);
  const built = build(justification.trim());
  const problems: FieldErrors = { ...("errors" in built ? built.errors : {}), ...(why.success ? {} : { justification: why.error.issues[0]!.message }) };
  const errors = tried ? problems : {};
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.keys(problems).length === 0 && "input" in built) send.mutate(built.input);
  };
  return (
    <form className="space-y-4" aria-label={label} onSubmit={onSubmit} noValidate>
      {children(errors)}
      <TextArea
        label="Why is this needed?"
        name="justification"
        value={justification}
        aria-required
        hint="Reviewers read this first. At least 10 characters."
        onChange={(e) => setJustification(e.target.value)}
        error={errors.justification ?? server.fields.justification}
      />
      <FormActions
        submitLabel="Ask for review"
        pending={send.isPending}
        error={server.form ?? (Object.keys(errors).length ? "Please correct the highlighted fields." : null)}
        onCancel={onCancel}
      />
    </form>
  );
}

/** The purposes in use as checkbox options, by key (proposals name purposes by key). */
export function PurposeChecks({ legend, name, value, onChange, error }: { legend: string; name: string; value: string[]; onChange: (v: string[]) => void; error?: string }) {
  const trpc = useTRPC();
  const purposes = useQuery(trpc.purposes.list.queryOptions({ includeRetired: false }));
  if (purposes.isPending) return <Spinner label="Loading purposes" />;
  if (purposes.error) return <ErrorState message={purposes.error.message} onRetry={() => purposes.refetch()} />;
  return <CheckboxGroup legend={legend} name={name} options={purposes.data.map((p) => ({ value: p.key, label: p.name }))} value={value} onChange={onChange} error={error} />;
}
