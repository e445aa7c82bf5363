import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/layout";
import { hasScope } from "@/server/authz/policy";
import { requireUser } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/rsc";
import { ROLE_LABELS } from "@/server/authz/scopes";
import { formatDateTime } from "@/domain/dates";
import { PASSWORD_RULE } from "@/domain/password-rule";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser();
  const canUsers = hasScope(user.roles, "user:read");
  const canSettings = hasScope(user.roles, "settings:read");
  const canTokens = hasScope(user.roles, "token:manage");
  const canWebhooks = hasScope(user.roles, "webhook:manage");
  const caller = await serverCaller();
  const settings = canSettings ? await caller.auth.settings() : null;
  const me = await caller.auth.me();
  return (
    <>
      <PageHeader title="Settings" />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Your account">
          <dl className="grid grid-cols-[8rem_1fr] gap-y-1 text-sm">
            <dt className="text-slate-600">Name</dt>
            <dd>{user.name}</dd>
            <dt className="text-slate-600">Email</dt>
            <dd className="break-all">{user.email}</dd>
            <dt className="text-slate-600">Roles</dt>
            <dd>{user.roles.map((r) => ROLE_LABELS[r]).join(", ")}</dd>
            <dt className="text-slate-600">Password</dt>
            <dd data-testid="password-status">
              {me.hasPassword ? (me.passwordChangedAt ? `Last changed ${formatDateTime(me.passwordChangedAt)}` : "Set") : "None: you sign in through single sign-on"}
            </dd>
          </dl>
          {me.hasPassword && (
            <Link href="/settings/password" className="mt-3 inline-block text-sm font-medium text-brand-700 underline">
              Change password
            </Link>
          )}
        </Card>
        <Card title="E-mail notifications">
          <p className="text-sm text-slate-700">Choose which e-mails Steward sends you: reviews awaiting you, decisions on your requests, consent alerts.</p>
          <Link href="/settings/notifications" className="mt-3 inline-block text-sm font-medium text-brand-700 underline">
            E-mail settings
          </Link>
        </Card>
        {canUsers && (
          <Card title="Users and roles">
            <p className="text-sm text-slate-700">Create accounts, assign roles, give someone a temporary password and disable users who leave.</p>
            <Link href="/settings/users" className="mt-3 inline-block text-sm font-medium text-brand-700 underline">
              Manage users
            </Link>
          </Card>
        )}
        <Card title="API reference">
          <p className="text-sm text-slate-700">What pipelines and tools can ask Steward over HTTP, with copyable curl examples and the OpenAPI document.</p>
          <Link href="/settings/api" className="mt-3 inline-block text-sm font-medium text-brand-700 underline">
            Open the API reference
          </Link>
        </Card>
        {canTokens && (
          <Card title="API tokens">
            <p className="text-sm text-slate-700">Tokens let pipelines report lineage (OpenLineage run events) to Steward.</p>
            <Link href="/settings/tokens" className="mt-3 inline-block text-sm font-medium text-brand-700 underline">
              Manage API tokens
            </Link>
          </Card>
        )}
        {canWebhooks && (
          <Card title="Webhooks">
            <p className="text-sm text-slate-700">Tell activation tools at once when a segment is activated, paused, retired or blocked.</p>
            <Link href="/settings/webhooks" className="mt-3 inline-block text-sm font-medium text-brand-700 underline">
              Manage webhooks
            </Link>
          </Card>
        )}
        {settings && (
          <Card title="Sign-in" className="lg:col-span-2">
            <dl className="grid grid-cols-1 gap-y-1 text-sm sm:grid-cols-[14rem_1fr]">
              <dt className="text-slate-600">Local accounts</dt>
              <dd>On. Passwords: {PASSWORD_RULE} Hashed with argon2id.</dd>
              <dt className="text-slate-600">Idle timeout</dt>
              <dd>{settings.sessionIdleMinutes} minutes</dd>
              <dt className="text-slate-600">Failed sign-in limit</dt>
              <dd>
                {settings.rateLimit.perAccount} per account and {settings.rateLimit.perIp} per IP address in {settings.rateLimit.windowMinutes} minutes
              </dd>
              <dt className="text-slate-600">Single sign-on</dt>
              <dd data-testid="sso-status">
                {settings.oidc ? (
                  <>
                    On: {settings.oidc.displayName} at <code className="break-all">{settings.oidc.issuer}</code> (client <code>{settings.oidc.clientId}</code>). Roles from the{" "}
                    <code>{settings.oidc.rolesClaim}</code> claim; new users without a mapped claim get {settings.oidc.defaultRoles.map((r) => ROLE_LABELS[r]).join(", ") || "no role"}.
                  </>
                ) : (
                  <>Off. Set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET to turn it on (see the README).</>
                )}
              </dd>
            </dl>
          </Card>
        )}
      </div>
    </>
  );
}
