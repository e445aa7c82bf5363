"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { useId, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { formatNumber } from "@/components/ui/format";
import { formatDateTime } from "@/domain/dates";
import { Card } from "@/components/ui/layout";
import { ErrorState } from "@/components/ui/states";
import type { AppRouter } from "@/server/trpc/root";

type VerifyResult = inferRouterOutputs<AppRouter>["audit"]["verify"];
type CheckpointFile = NonNullable<Exclude<inferRouterInputs<AppRouter>["audit"]["verify"], void | undefined>["checkpoint"]>;

export function VerifyPanel() {
  const trpc = useTRPC();
  const verify = useMutation(trpc.audit.verify.mutationOptions());
  const [checkpoint, setCheckpoint] = useState<{ name: string; value: CheckpointFile } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const fileId = useId();

  return (
    <div className="space-y-6">
      <Card title="Run verification">
        <div className="space-y-4">
          <div className="space-y-1">
            <label htmlFor={fileId} className="block text-sm font-medium text-slate-800">
              Checkpoint file (optional)
            </label>
            <input
              id={fileId}
              type="file"
              accept="application/json,.json"
              aria-describedby={`${fileId}-hint`}
              className="block w-full max-w-md text-sm text-slate-800 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                setFileError(null);
                setCheckpoint(null);
                if (!file) return;
                try {
                  setCheckpoint({ name: file.name, value: JSON.parse(await file.text()) as CheckpointFile });
                } catch {
                  setFileError(`${file.name} is not a JSON checkpoint file.`);
                }
              }}
            />
            <p id={`${fileId}-hint`} className="text-xs text-slate-600">
              A checkpoint written by <code>npm run audit:verify -- --write-checkpoint</code> or signed below.
            </p>
            {fileError && (
              <p className="text-sm text-red-700" data-testid="field-error">
                {fileError}
              </p>
            )}
          </div>
          <Button pending={verify.isPending} onClick={() => verify.mutate(checkpoint ? { checkpoint: checkpoint.value } : {})}>
            {checkpoint ? "Verify against the checkpoint" : "Verify now"}
          </Button>
          {verify.isPending && (
            <p role="status" className="text-sm text-slate-600">
              Verifying every event…
            </p>
          )}
          {verify.error && <ErrorState message={verifyErrorMessage(verify.error)} />}
          {verify.data && <Result result={verify.data} />}
        </div>
      </Card>
      <SignCheckpoint />
    </div>
  );
}

function Result({ result: r }: { result: VerifyResult }) {
  return (
    <div
      role="status"
      data-testid="verify-result"
      className={`space-y-2 rounded-lg border px-4 py-3 text-sm ${r.ok ? "border-green-300 bg-green-50 text-green-900" : "border-red-300 bg-red-50 text-red-900"}`}
    >
      <p className="text-base font-semibold">{r.ok ? "✓ The audit trail is intact." : r.broken ? `✗ The chain is broken at event ${r.broken.seq}.` : "✗ The checkpoint does not match."}</p>
      {r.broken && <p data-testid="verify-broken">{r.broken.message}</p>}
      {r.checkpoint && (
        <p data-testid="verify-checkpoint">
          Checkpoint of event {r.checkpoint.seq} ({r.checkpoint.createdAt}): {r.checkpoint.ok ? "matches." : "does not match."} {r.checkpoint.message}
        </p>
      )}
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="font-medium">Events checked</dt>
        <dd>{formatNumber(r.checked)}</dd>
        <dt className="font-medium">Chain head</dt>
        <dd className="break-all">{r.head ? `event ${r.head.seq}, hash ${r.head.hash}` : "none (the trail is empty)"}</dd>
        <dt className="font-medium">Took</dt>
        <dd>
          {formatNumber(r.durationMs)} ms, at {formatDateTime(r.verifiedAt)}
        </dd>
      </dl>
    </div>
  );
}

function SignCheckpoint() {
  const trpc = useTRPC();
  const status = useQuery(trpc.audit.checkpointStatus.queryOptions());
  const sign = useMutation(
    trpc.audit.signCheckpoint.mutationOptions({
      onSuccess: (c) => {
        const url = URL.createObjectURL(new Blob([`${JSON.stringify(c, null, 2)}\n`], { type: "application/json" }));
        const a = document.createElement("a");
        a.href = url;
        a.download = `steward-audit-checkpoint-${c.seq}.json`;
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      },
    }),
  );
  return (
    <Card title="Signed checkpoint">
      <div className="space-y-3 text-sm text-slate-700">
        <p>
          A checkpoint records the chain&rsquo;s newest event and its hash, signed with the server&rsquo;s checkpoint key. Keep it outside the database (for example with your records of the
          quarter); verifying against it later proves that no event up to it was rewritten or deleted, even by someone who recomputed every hash.
        </p>
        {status.data && !status.data.keyConfigured && (
          <p data-testid="checkpoint-key-missing">
            No checkpoint key is configured. Set <code>STEWARD_AUDIT_CHECKPOINT_KEY</code> on the server (at least 32 characters) to sign and check checkpoints.
          </p>
        )}
        {status.error && <ErrorState message={status.error.message} onRetry={() => status.refetch()} />}
        {status.data?.keyConfigured && (
          <Button variant="secondary" pending={sign.isPending} onClick={() => sign.mutate()}>
            Verify and download a signed checkpoint
          </Button>
        )}
        <div role="status" aria-live="polite">
          {sign.data && <p className="text-green-800">Checkpoint of event {sign.data.seq} downloaded.</p>}
        </div>
        {sign.error && <ErrorState message={sign.error.message} />}
      </div>
    </Card>
  );
}

function verifyErrorMessage(error: unknown): string {
  const e = formErrors(error);
  // Field errors can only come from the checkpoint file's contents.
  if (Object.keys(e.fields).length > 0) return "The checkpoint file is not a Steward audit checkpoint.";
  return e.form ?? "Verification failed.";
}
