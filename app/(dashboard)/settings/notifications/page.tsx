import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "@/components/ui/states";
import { textLink } from "@/components/ui/button";
import { deniedReason } from "@/server/auth/guards";
import { getQueryClient, trpc } from "@/server/trpc/rsc";
import { NotificationSettings } from "./notification-settings";
import { HydratedPage } from "../../_components/hydrated-page";

export const metadata: Metadata = { title: "E-mail notifications" };

export default async function NotificationsPage() {
  const denied = await deniedReason("profile:read");
  if (denied) return <Forbidden reason={denied} />;
  void getQueryClient().prefetchQuery(trpc.email.preferences.queryOptions());
  return (
    <HydratedPage
      title="E-mail notifications"
      above={
        <p className="mb-2 text-sm">
          <Link href="/settings" className={textLink}>
            Settings
          </Link>
        </p>
      }
      description="Choose which e-mails Steward sends you. In-app notifications (the bell) are not affected."
    >
      <NotificationSettings />
    </HydratedPage>
  );
}
