import type { Metadata } from "next";
import Link from "next/link";
import { textLink } from "@/components/ui/button";
import { Card } from "@/components/ui/layout";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/rsc";
import { OwnPasswordChange } from "./own-password-change";
import { HydratedPage } from "../../_components/hydrated-page";

export const metadata: Metadata = { title: "Change password" };

export default async function PasswordPage() {
  const denied = await deniedReason("profile:edit");
  if (denied) return <Forbidden reason={denied} />;
  const me = await (await serverCaller()).auth.me();
  return (
    <HydratedPage
      title="Change password"
      above={
        <p className="mb-2 text-sm">
          <Link href="/settings" className={textLink}>
            Settings
          </Link>
        </p>
      }
      description="Your other sessions, on other browsers and devices, end when you change it; this one stays signed in."
    >
      <div className="max-w-lg">
        <Card>
          {me.hasPassword ? (
            <OwnPasswordChange />
          ) : (
            <p className="text-sm text-slate-700" data-testid="no-password">
              You sign in through single sign-on and have no Steward password to change. An admin can give you a temporary one if you need it.
            </p>
          )}
        </Card>
      </div>
    </HydratedPage>
  );
}
