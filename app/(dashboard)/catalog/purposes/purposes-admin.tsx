"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useState } from "react";
import { textLink } from "@/components/ui/button";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { CheckboxGroup } from "@/components/ui/field";
import { Badge } from "@/components/ui/layout";
import { LABELS, LAWFUL_BASES, type LawfulBasis } from "@/domain/vocab";
import type { AppRouter } from "@/server/trpc/root";
import { ReferenceAdmin, type ReferenceKind } from "../_reference/reference-admin";

type Purpose = inferRouterOutputs<AppRouter>["purposes"]["list"][number];

interface PurposeValues {
  key: string;
  name: string;
  description: string;
  allowedLawfulBases: LawfulBasis[];
}

const basisOptions = LAWFUL_BASES.map((value) => ({ value, label: LABELS.lawfulBasis[value] }));
const none = <span className="text-slate-600">—</span>;

function usePurposeKind(): ReferenceKind<Purpose, PurposeValues> {
  const trpc = useTRPC();
  return {
    noun: "purpose",
    label: "Consent purposes",
    addTitle: "Add a consent purpose",
    entityType: "consent_purpose",
    keyHint: "Lower-case, with dots between levels, e.g. marketing.email. It cannot be changed later.",
    nameColumn: {
      header: "Name",
      className: "font-medium",
      cell: (p) => (
        <Link className={textLink} href={`/catalog/purposes/${p.id}`}>
          {p.name}
        </Link>
      ),
    },
    columns: [
      { header: "TCF", cell: (p) => (p.tcfPurposeId ? <Badge tone="blue">Purpose {p.tcfPurposeId}</Badge> : none) },
      {
        header: "Lawful bases",
        cell: (p) => (
          <div className="flex flex-wrap gap-1">
            {p.allowedLawfulBases.map((b) => (
              <Badge key={b}>{LABELS.lawfulBasis[b]}</Badge>
            ))}
          </div>
        ),
      },
      { header: "Description", className: "min-w-60 max-w-md text-slate-700", cell: (p) => p.description || none },
    ],
    emptyValues: { key: "", name: "", description: "", allowedLawfulBases: [] },
    toValues: (p) => ({ key: p.key, name: p.name, description: p.description, allowedLawfulBases: p.allowedLawfulBases }),
    extraFields: (form, setForm, errors) => (
      <div className="md:col-span-2">
        <CheckboxGroup
          legend="Allowed lawful bases"
          name="allowedLawfulBases"
          options={basisOptions}
          value={form.allowedLawfulBases}
          onChange={(allowedLawfulBases) => setForm({ ...form, allowedLawfulBases })}
          error={errors.fields.allowedLawfulBases}
        />
      </div>
    ),
    listKey: trpc.purposes.list.queryKey(),
    mutations: {
      create: trpc.purposes.create.mutationOptions(),
      update: trpc.purposes.update.mutationOptions(),
      retire: trpc.purposes.retire.mutationOptions(),
      restore: trpc.purposes.restore.mutationOptions(),
    },
  };
}

export function PurposesAdmin() {
  const trpc = useTRPC();
  const kind = usePurposeKind();
  const [includeRetired, setIncludeRetired] = useState(false);
  // Keep the previous rows on screen while the other list loads, instead of flashing a spinner.
  const purposes = useQuery({ ...trpc.purposes.list.queryOptions({ includeRetired }), placeholderData: (prev) => prev });

  return (
    <ReferenceAdmin
      kind={kind}
      canManage={useCan("purpose:manage")}
      query={purposes}
      emptyTitle={includeRetired ? "No consent purposes yet" : "No active consent purposes"}
      filters={
        <CheckboxGroup
          legend="View"
          name="view"
          options={[{ value: "retired", label: "Show retired" }]}
          value={includeRetired ? ["retired"] : []}
          onChange={(v) => setIncludeRetired(v.includes("retired"))}
        />
      }
    />
  );
}
