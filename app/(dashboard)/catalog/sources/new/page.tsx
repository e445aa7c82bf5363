import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/layout";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { NewSource } from "../_components/new-source";

export const metadata: Metadata = { title: "Add a data source" };

export default async function NewSourcePage() {
  const denied = await deniedReason("source:manage");
  if (denied) return <Forbidden reason={denied} />;
  return (
    <>
      <Breadcrumb href="/catalog/sources" label="Data sources" />
      <PageHeader title="Add a data source" description="A system personal data comes from. Signals are documented against it." />
      <NewSource />
    </>
  );
}
