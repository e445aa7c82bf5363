"use client";

import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/domain/dates";
import { Badge, Card, TableHead, TableWrap, td } from "@/components/ui/layout";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { SecretNotice } from "../secret-notice";

const STATUS_TONES = { delivered: "green", pending: "amber", failed: "red" } as const;

export function EndpointDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  // While something is on its way, the log refreshes itself so the outcome shows without a reload.
  const detail = useQuery({ ...trpc.webhooks.byId.queryOptions({ id }), refetchInterval: (q) => (q.state.data?.deliveries.some((d) => d.status === "pending") ? 1_500 : false) });
  const [secret, setSecret] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: trpc.webhooks.byId.queryKey({ id }) }), qc.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() })]);
  const setEnabled = useMutation(trpc.webhooks.setEnabled.mutationOptions({ onSuccess: () => void refresh() }));
  const rotate = useMutation(
    trpc.webhooks.rotateSecret.mutationOptions({
      onSuccess: (r) => {
        setSecret(r.secret);
        void refresh();
      },
    }),
  );
  const sendTest = useMutation(trpc.webhooks.sendTest.mutationOptions({ onSuccess: () => void refresh() }));
  const remove = useMutation(
    trpc.webhooks.delete.mutationOptions({
      onSuccess: () => {
        void qc.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
        router.push("/settings/webhooks");
      },
    }),
  );
  const actionError = setEnabled.error ?? rotate.error ?? sendTest.error ?? remove.error;

  if (detail.isPending) return <Spinner label="Loading the endpoint" />;
  if (detail.error) return <ErrorState message={detail.error.message} onRetry={() => detail.refetch()} />;
  const { endpoint, deliveries } = detail.data;

  return (
    <div className="space-y-6">
      <Card>
        <dl className="grid grid-cols-1 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-slate-600">URL</dt>
          <dd className="break-all" data-testid="endpoint-url">
            {endpoint.url}
          </dd>
          {endpoint.description && (
            <>
              <dt className="text-slate-600">Description</dt>
              <dd>{endpoint.description}</dd>
            </>
          )}
          <dt className="text-slate-600">Events</dt>
          <dd>{endpoint.events.join(", ")}</dd>
          <dt className="text-slate-600">Status</dt>
          <dd>{endpoint.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="slate">Disabled: nothing is sent</Badge>}</dd>
          <dt className="text-slate-600">Secret starts with</dt>
          <dd>
            <code>{endpoint.secretPrefix}…</code>
            {endpoint.secretRotatedAt && <span className="text-slate-600"> (rotated {formatDateTime(endpoint.secretRotatedAt)})</span>}
          </dd>
          <dt className="text-slate-600">Registered</dt>
          <dd>{formatDateTime(endpoint.createdAt)}</dd>
        </dl>
        <div className="mt-4 flex flex-wrap gap-2">
          {endpoint.enabled && (
            <Button pending={sendTest.isPending} onClick={() => sendTest.mutate({ id })}>
              Send test event
            </Button>
          )}
          <Button variant="secondary" pending={setEnabled.isPending} onClick={() => setEnabled.mutate({ id, enabled: !endpoint.enabled })}>
            {endpoint.enabled ? "Disable" : "Enable"}
          </Button>
          <Button variant="secondary" pending={rotate.isPending} onClick={() => rotate.mutate({ id })}>
            Rotate secret
          </Button>
          {confirmDelete ? (
            <>
              <Button variant="danger" pending={remove.isPending} onClick={() => remove.mutate({ id })}>
                Delete endpoint and its log
              </Button>
              <Button variant="ghost" onClick={() => setConfirmDelete(false)}>
                Keep it
              </Button>
            </>
          ) : (
            <Button variant="danger" onClick={() => setConfirmDelete(true)}>
              Delete
            </Button>
          )}
        </div>
        {sendTest.isSuccess && <p className="mt-2 text-sm text-slate-700">Test event queued; its delivery appears below.</p>}
        {actionError && <p className="mt-2 text-sm text-red-700">{actionError.message}</p>}
        {secret && <SecretNotice secret={secret} />}
      </Card>

      <section aria-labelledby="deliveries-title" className="space-y-2">
        <h2 id="deliveries-title" className="text-lg font-semibold text-slate-900">
          Delivery log
        </h2>
        {deliveries.length === 0 ? (
          <EmptyState title="Nothing sent yet">Events this endpoint subscribes to, and test events, appear here newest first.</EmptyState>
        ) : (
          <TableWrap label="Delivery log">
            <TableHead columns={["Queued", "Event", "Status", "Attempts", "Last answer", "Next try"]} />
            <tbody className="divide-y divide-slate-100">
              {deliveries.map((d) => (
                <tr key={d.id} data-testid="delivery-row">
                  <td className={`${td} whitespace-nowrap`}>{formatDateTime(d.createdAt)}</td>
                  <td className={td}>
                    <div>{d.eventType}</div>
                    <div className="break-all text-xs text-slate-600">{d.eventId}</div>
                  </td>
                  <td className={td}>
                    <Badge tone={STATUS_TONES[d.status]}>{d.status === "delivered" ? "Delivered" : d.status === "failed" ? "Failed" : "Pending"}</Badge>
                  </td>
                  <td className={td}>{d.attempts}</td>
                  <td className={`${td} break-all`}>
                    {d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : d.lastError ? "" : "–"}
                    {d.lastError && d.lastError !== `HTTP ${d.lastStatusCode}` && <span className="text-red-700">{d.lastStatusCode ? ` (${d.lastError})` : d.lastError}</span>}
                    {d.lastDurationMs !== null && <span className="text-slate-600"> in {d.lastDurationMs} ms</span>}
                  </td>
                  <td className={`${td} whitespace-nowrap`}>{d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : "–"}</td>
                </tr>
              ))}
            </tbody>
          </TableWrap>
        )}
      </section>
    </div>
  );
}
