import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { ViewerProvider } from "@/components/shell/permissions";
import { requireUser } from "@/server/auth/guards";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <ViewerProvider viewer={user}>
      <AppShell>{children}</AppShell>
    </ViewerProvider>
  );
}
