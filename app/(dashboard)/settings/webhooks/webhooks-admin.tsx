"use client";

import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button, textLink } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { CheckboxGroup, TextField } from "@/components/ui/field";
import { formatDateTime } from "@/domain/dates";
import { Badge, Card, TableHead, TableWrap, td } from "@/components/ui/layout";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS, type WebhookEvent } from "@/domain/webhook-events";
import { SecretNotice } from "./secret-notice";

const eventOptions = WEBHOOK_EVENTS.map((value) => ({ value, label: `${value}: ${WEBHOOK_EVENT_LABELS[value]}` }));

export function WebhooksAdmin() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const endpoints = useQuery(trpc.webhooks.list.queryOptions());
  const settings = useQuery(trpc.webhooks.settings.queryOptions());
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<WebhookEvent[]>([...WEBHOOK_EVENTS]);
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  const create = useMutation(
    trpc.webhooks.create.mutationOptions({
      onSuccess: (r) => {
        setCreated(r);
        setUrl("");
        setDescription("");
        setEvents([...WEBHOOK_EVENTS]);
        void qc.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
      },
    }),
  );
  // The box shows the admin's choice at once (state set in the click's own render) and is
  // disabled until the server has it; a refusal puts it back.
  const [allowChoice, setAllowChoice] = useState<boolean | null>(null);
  const setAllow = useMutation(
    trpc.webhooks.setAllowPrivate.mutationOptions({
      onSuccess: (r) => qc.setQueryData(trpc.webhooks.settings.queryKey(), r),
      onError: () => setAllowChoice(null),
    }),
  );
  const errors = formErrors(create.error);

  return (
    <div className="space-y-6">
      <Card title="New endpoint">
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            setCreated(null);
            create.mutate({ url, events, description });
          }}
        >
          <TextField
            label="URL"
            name="url"
            type="url"
            placeholder="https://tools.example.com/steward-events"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            error={errors.fields.url}
          />
          <TextField label="Description (optional)" name="description" value={description} onChange={(e) => setDescription(e.target.value)} error={errors.fields.description} />
          <CheckboxGroup legend="Events" name="events" options={eventOptions} value={events} onChange={setEvents} error={errors.fields.events} />
          <Button type="submit" pending={create.isPending}>
            Register endpoint
          </Button>
        </form>
        {errors.form && <p className="mt-2 text-sm text-red-700">{errors.form}</p>}
        {created && (
          <>
            <SecretNotice secret={created.secret} />
            <Link href={`/settings/webhooks/${created.id}`} className={`${textLink} mt-2 inline-block text-sm`}>
              Open the endpoint and send a test event
            </Link>
          </>
        )}
      </Card>

      {endpoints.isPending && <Spinner label="Loading endpoints" />}
      {endpoints.error && <ErrorState message={endpoints.error.message} onRetry={() => endpoints.refetch()} />}
      {endpoints.data && endpoints.data.length === 0 && (
        <EmptyState title="No webhook endpoints yet">Register one above to tell activation tools when a segment stops being usable.</EmptyState>
      )}
      {endpoints.data && endpoints.data.length > 0 && (
        <TableWrap label="Webhook endpoints">
          <TableHead columns={["Endpoint", "Events", "Deliveries", "Status"]} />
          <tbody className="divide-y divide-slate-100">
            {endpoints.data.map((e) => (
              <tr key={e.id}>
                <td className={`${td} min-w-[14rem] max-w-[28rem]`}>
                  <Link href={`/settings/webhooks/${e.id}`} className={`${textLink} break-all`}>
                    {e.url}
                  </Link>
                  {e.description && <div className="text-xs text-slate-600">{e.description}</div>}
                  <div className="text-xs text-slate-600">Registered {formatDateTime(e.createdAt)}</div>
                </td>
                <td className={td}>{e.events.join(", ")}</td>
                <td className={`${td} whitespace-nowrap`}>
                  {e.pending} pending{e.failed > 0 && <>, {e.failed} failed</>}
                </td>
                <td className={td}>{e.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="slate">Disabled</Badge>}</td>
              </tr>
            ))}
          </tbody>
        </TableWrap>
      )}

      <Card title="Private addresses">
        {settings.isPending && <Spinner label="Loading the setting" />}
        {settings.error && <ErrorState message={settings.error.message} onRetry={() => settings.refetch()} />}
        {settings.data && (
          <div className="space-y-2 text-sm text-slate-700">
            <p>
              Endpoints on loopback, private or link-local addresses (127.0.0.1, 10.x, 192.168.x, 169.254.169.254, ::1, fc00::/7 …) are refused when registered and again when each delivery
              connects, so a webhook cannot be used to reach internal services. Allow them only when your receivers run on an internal network.
            </p>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                name="allowPrivate"
                checked={allowChoice ?? settings.data.allowPrivateTargets}
                disabled={setAllow.isPending}
                onChange={(e) => {
                  setAllowChoice(e.target.checked);
                  setAllow.mutate({ allow: e.target.checked });
                }}
              />
              Allow endpoints on private addresses
            </label>
            {setAllow.error && <p className="text-red-700">{setAllow.error.message}</p>}
          </div>
        )}
      </Card>
    </div>
  );
}
