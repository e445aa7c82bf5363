"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { AuditHistoryLink } from "@/components/audit/history-link";
import { useCan, useViewer } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { CheckboxGroup, TextField } from "@/components/ui/field";
import { formatDateTime } from "@/domain/dates";
import { Badge, Card, TableHead, TableWrap, td } from "@/components/ui/layout";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { PASSWORD_RULE } from "@/domain/password-rule";
import { ROLES, ROLE_LABELS, type Role } from "@/server/authz/scopes";
import { TemporaryPasswordForm } from "./temporary-password";

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export function UsersAdmin() {
  const trpc = useTRPC();
  const canManage = useCan("user:manage");
  const users = useQuery(trpc.users.list.queryOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const [settingPassword, setSettingPassword] = useState<string | null>(null);
  const [notice, setNotice] = useState("");
  // Above the table, not in it: a row's cell scrolls sideways with the table on a phone.
  const settingFor = users.data?.find((u) => u.id === settingPassword);

  return (
    <div className="space-y-6">
      {canManage && <CreateUser />}
      {notice && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="users-notice">
          {notice}
        </p>
      )}
      {canManage && settingFor && (
        <Card title={`Set a temporary password for ${settingFor.name}`}>
          <TemporaryPasswordForm
            key={settingFor.id}
            user={settingFor}
            onDone={(message) => {
              setSettingPassword(null);
              setNotice(message);
            }}
          />
        </Card>
      )}
      {users.isPending && <Spinner label="Loading users" />}
      {users.error && <ErrorState message={users.error.message} onRetry={() => users.refetch()} />}
      {users.data && users.data.length === 0 && <EmptyState title="No users yet" />}
      {users.data && users.data.length > 0 && (
        <TableWrap label="Users">
          <TableHead columns={["Name", "Roles", "Status", "Last sign-in"]} actions={canManage} />
          <tbody className="divide-y divide-slate-100">
            {users.data.map((u) => (
              <tr key={u.id} data-testid={`user-row-${u.email}`}>
                <td className={td}>
                  <p className="font-medium">{u.name}</p>
                  <p className="text-xs text-slate-600">{u.email}</p>
                  <AuditHistoryLink entityType="user" entityId={u.id} name={u.name} />
                </td>
                <td className={td}>
                  {editing === u.id ? (
                    <EditRoles userId={u.id} roles={u.roles} onDone={() => setEditing(null)} />
                  ) : (
                    <div className="flex flex-wrap gap-1">
                      {u.roles.map((r) => (
                        <Badge key={r}>{ROLE_LABELS[r]}</Badge>
                      ))}
                    </div>
                  )}
                </td>
                <td className={td}>
                  <div className="flex flex-wrap gap-1">
                    {u.disabledAt ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}
                    {!u.hasPassword && <Badge>No password</Badge>}
                    {u.mustChangePassword && <Badge tone="amber">Temporary password</Badge>}
                  </div>
                </td>
                <td className={`${td} whitespace-nowrap`}>{formatDateTime(u.lastSignInAt)}</td>
                {canManage && (
                  <td className={`${td} whitespace-nowrap`}>
                    <UserActions
                      user={u}
                      onEditRoles={() => setEditing(u.id)}
                      editing={editing === u.id}
                      onSetPassword={() => {
                        setNotice("");
                        setSettingPassword(u.id);
                      }}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </TableWrap>
      )}
    </div>
  );
}

function useInvalidateUsers() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
}

function CreateUser() {
  const trpc = useTRPC();
  const invalidate = useInvalidateUsers();
  const empty = { name: "", email: "", password: "", roles: [] as Role[] };
  const [form, setForm] = useState(empty);
  const [open, setOpen] = useState(false);
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: () => {
        setForm(empty);
        setOpen(false);
        void invalidate();
      },
    }),
  );
  const errors = formErrors(create.error);
  if (!open) {
    return (
      <div className="flex items-center gap-3">
        <Button onClick={() => setOpen(true)}>Add user</Button>
        {create.isSuccess && (
          <p role="status" className="text-sm text-green-800">
            User created. At their first sign-in they choose their own password.
          </p>
        )}
      </div>
    );
  }
  return (
    <Card title="Add a user">
      <form
        className="grid gap-4 md:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(form);
        }}
      >
        <TextField label="Name" name="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} error={errors.fields.name} />
        <TextField label="Email" name="email" type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} error={errors.fields.email} />
        <TextField
          label="Temporary password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={`${PASSWORD_RULE} Share it with the person securely: it is temporary, and they choose their own at their first sign-in.`}
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          error={errors.fields.password}
        />
        <CheckboxGroup legend="Roles" name="roles" options={roleOptions} value={form.roles} onChange={(roles) => setForm({ ...form, roles })} error={errors.fields.roles} />
        <div className="flex items-center gap-3 md:col-span-2">
          <Button type="submit" pending={create.isPending}>
            Create user
          </Button>
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          {errors.form && (
            <p className="text-sm text-red-700" data-testid="form-error">
              {errors.form}
            </p>
          )}
        </div>
      </form>
    </Card>
  );
}

function EditRoles({ userId, roles, onDone }: { userId: string; roles: Role[]; onDone: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateUsers();
  const [value, setValue] = useState<Role[]>(roles);
  const update = useMutation(
    trpc.users.updateRoles.mutationOptions({
      onSuccess: () => {
        void invalidate();
        onDone();
      },
    }),
  );
  const errors = formErrors(update.error);
  return (
    <div className="space-y-2">
      <CheckboxGroup legend="Roles" name={`roles-${userId}`} options={roleOptions} value={value} onChange={setValue} error={errors.fields.roles ?? errors.form} />
      <div className="flex gap-2">
        <Button pending={update.isPending} onClick={() => update.mutate({ userId, roles: value })}>
          Save roles
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

function UserActions({
  user,
  onEditRoles,
  editing,
  onSetPassword,
}: {
  user: { id: string; name: string; disabledAt: Date | null };
  onEditRoles: () => void;
  editing: boolean;
  onSetPassword: () => void;
}) {
  const trpc = useTRPC();
  const viewer = useViewer();
  const invalidate = useInvalidateUsers();
  const toggle = useMutation(trpc.users.setDisabled.mutationOptions({ onSuccess: () => void invalidate() }));
  const disabled = Boolean(user.disabledAt);
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex gap-2">
        {!editing && (
          <Button variant="secondary" onClick={onEditRoles} aria-label={`Edit roles of ${user.name}`}>
            Edit roles
          </Button>
        )}
        {user.id !== viewer.id && (
          <Button variant="secondary" onClick={onSetPassword} aria-label={`Set password for ${user.name}`}>
            Set password
          </Button>
        )}
        {user.id !== viewer.id && (
          <Button
            variant={disabled ? "secondary" : "danger"}
            pending={toggle.isPending}
            aria-label={`${disabled ? "Enable" : "Disable"} ${user.name}`}
            onClick={() => toggle.mutate({ userId: user.id, disabled: !disabled })}
          >
            {disabled ? "Enable" : "Disable"}
          </Button>
        )}
      </div>
      {toggle.error && <p className="max-w-xs text-right text-sm whitespace-normal text-red-700">{toggle.error.message}</p>}
    </div>
  );
}
