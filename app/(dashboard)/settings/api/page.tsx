import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { textLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/layout";
import { hasScope } from "@/server/authz/policy";
import { requireUser } from "@/server/auth/guards";
import { serverEnv } from "@/server/env";
import { apiExamples, TOKEN_PLACEHOLDER } from "@/server/openapi/curl";
import { DOCUMENT_PATH } from "@/server/openapi/document";
import { CurlExamples } from "./curl-examples";
import { ApiReference } from "./api-reference";

export const metadata: Metadata = { title: "API reference" };

/**
 * Settings → API: the reference of /api/v1 for everyone signed in. The document itself is public
 * (it describes shapes, not data), so hiding the page from some roles would protect nothing;
 * calling the API still takes a token, which only those who may manage tokens can create.
 */
export default async function ApiReferencePage() {
  const user = await requireUser();
  const canTokens = hasScope(user.roles, "token:manage");
  const origin = serverEnv().appOrigin ?? `http://${(await headers()).get("host") ?? "localhost:3000"}`;
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            Pipelines and tools call Steward at <code className="break-all">{origin}/api/v1</code> with an API token: <code>Authorization: Bearer {TOKEN_PLACEHOLDER}</code>. The
            machine-readable description (OpenAPI 3.1) is at{" "}
            <a className={textLink} href={DOCUMENT_PATH}>
              {DOCUMENT_PATH}
            </a>
            .{" "}
            {canTokens ? (
              <>
                Create tokens under{" "}
                <Link className={textLink} href="/settings/tokens">
                  API tokens
                </Link>
                .
              </>
            ) : (
              <>An admin creates tokens.</>
            )}
          </>
        }
      />
      <div className="min-w-0 space-y-6">
        <Card title="Examples">
          <p className="mb-3 text-sm text-slate-700">
            Set <code>STEWARD_TOKEN</code> to a token holding the scope shown, then run a command as it is.
          </p>
          <CurlExamples examples={apiExamples(origin)} />
        </Card>
        <ApiReference />
      </div>
    </>
  );
}
