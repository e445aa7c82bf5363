"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { CheckboxGroup, TextField } from "@/components/ui/field";
import { formatDateTime } from "@/domain/dates";
import { Badge, Card, TableHead, TableWrap, td } from "@/components/ui/layout";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { TOKEN_SCOPE_LABELS, TOKEN_SCOPES, type TokenScope } from "@/domain/token-scopes";

const scopeOptions = TOKEN_SCOPES.map((value) => ({ value, label: `${TOKEN_SCOPE_LABELS[value]}` }));

export function TokensAdmin() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const tokens = useQuery(trpc.tokens.list.queryOptions());
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<TokenScope[]>(["lineage:write"]);
  const [created, setCreated] = useState<string | null>(null);
  const invalidate = () => qc.invalidateQueries({ queryKey: trpc.tokens.list.queryKey() });
  const create = useMutation(
    trpc.tokens.create.mutationOptions({
      onSuccess: (r) => {
        setCreated(r.token);
        setName("");
        setScopes(["lineage:write"]);
        void invalidate();
      },
    }),
  );
  const revoke = useMutation(trpc.tokens.revoke.mutationOptions({ onSuccess: () => void invalidate() }));
  const errors = formErrors(create.error);

  return (
    <div className="space-y-6">
      <Card title="New token">
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            setCreated(null);
            create.mutate({ name, scopes });
          }}
        >
          <TextField label="Name (what uses it)" name="name" value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} />
          <CheckboxGroup legend="Scopes" name="scopes" options={scopeOptions} value={scopes} onChange={setScopes} error={errors.fields.scopes} />
          <Button type="submit" pending={create.isPending}>
            Create token
          </Button>
        </form>
        {errors.form && <p className="mt-2 text-sm text-red-700">{errors.form}</p>}
        {created && (
          <div role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
            <p className="font-medium">Copy this token now; it will not be shown again.</p>
            <code className="mt-1 block break-all" data-testid="new-token">
              {created}
            </code>
          </div>
        )}
      </Card>
      {tokens.isPending && <Spinner label="Loading tokens" />}
      {tokens.error && <ErrorState message={tokens.error.message} onRetry={() => tokens.refetch()} />}
      {tokens.data && tokens.data.length === 0 && <EmptyState title="No API tokens yet" />}
      {tokens.data && tokens.data.length > 0 && (
        <TableWrap label="API tokens">
          <TableHead columns={["Name", "Token starts with", "Scopes", "Created", "Last used", "Status"]} actions />
          <tbody className="divide-y divide-slate-100">
            {tokens.data.map((t) => (
              <tr key={t.id}>
                <td className={td}>{t.name}</td>
                <td className={td}>
                  <code>{t.prefix}…</code>
                </td>
                <td className={td}>{t.scopes.join(", ")}</td>
                <td className={`${td} whitespace-nowrap`}>
                  {formatDateTime(t.createdAt)} by {t.createdBy}
                </td>
                <td className={`${td} whitespace-nowrap`}>{formatDateTime(t.lastUsedAt)}</td>
                <td className={td}>{t.revokedAt ? <Badge tone="red">Revoked</Badge> : <Badge tone="green">Active</Badge>}</td>
                <td className={td}>
                  {!t.revokedAt && (
                    <Button variant="danger" aria-label={`Revoke ${t.name}`} pending={revoke.isPending && revoke.variables?.id === t.id} onClick={() => revoke.mutate({ id: t.id })}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </TableWrap>
      )}
      {revoke.error && <ErrorState message={revoke.error.message} />}
    </div>
  );
}
