import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/layout";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { VerifyPanel } from "./verify-panel";

export const metadata: Metadata = { title: "Verify the audit trail" };

export default async function VerifyPage() {
  const denied = await deniedReason("audit:verify");
  if (denied) return <Forbidden reason={denied} />;
  return (
    <>
      <PageHeader
        title="Verify the audit trail"
        description="Recomputes every event's hash from its contents and checks that each event links to the one before it. Optionally checks a signed checkpoint kept outside the database, which proves that nothing up to it was rewritten."
        actions={
          <Link href="/audit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">
            Back to the audit trail
          </Link>
        }
      />
      <VerifyPanel />
    </>
  );
}
