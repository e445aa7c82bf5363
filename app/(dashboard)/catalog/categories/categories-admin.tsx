"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { CheckboxGroup, SelectField, TextField } from "@/components/ui/field";
import { Badge } from "@/components/ui/layout";
import { SensitivityBadge } from "@/components/ui/sensitivity-badge";
import { LABELS, SENSITIVITIES, type Sensitivity } from "@/domain/vocab";
import type { AppRouter } from "@/server/trpc/root";
import { ReferenceAdmin, type ReferenceKind } from "../_reference/reference-admin";

type Category = inferRouterOutputs<AppRouter>["categories"]["list"][number];

interface CategoryValues {
  key: string;
  name: string;
  description: string;
  defaultSensitivity: Sensitivity;
  isSpecialCategory: boolean;
}

type ViewOption = "special" | "retired";
const viewOptions = [
  { value: "special" as const, label: "Special categories only" },
  { value: "retired" as const, label: "Show retired" },
];

const depthOf = (key: string) => key.split(".").length - 1;

function useCategoryKind(): ReferenceKind<Category, CategoryValues> {
  const trpc = useTRPC();
  return {
    noun: "category",
    label: "Data categories",
    addTitle: "Add a data category",
    entityType: "data_category",
    keyHint: "The parent follows from the key: user.contact.email sits under user.contact.",
    nameColumn: {
      header: "Name",
      className: "min-w-64",
      // Indented by depth, so the list reads as the tree it is.
      style: (c) => ({ paddingLeft: `${0.75 + depthOf(c.key) * 1.5}rem` }),
      cell: (c) => (
        <>
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{c.name}</span>
            {c.isSpecialCategory && <Badge tone="red">Special category</Badge>}
          </div>
          {c.description && <p className="mt-0.5 max-w-md text-xs text-slate-600">{c.description}</p>}
        </>
      ),
    },
    columns: [
      {
        header: "Default sensitivity",
        cell: (c) => <SensitivityBadge value={c.defaultSensitivity} />,
      },
    ],
    emptyValues: { key: "", name: "", description: "", defaultSensitivity: "confidential", isSpecialCategory: false },
    toValues: (c) => ({
      key: c.key,
      name: c.name,
      description: c.description,
      defaultSensitivity: c.defaultSensitivity,
      isSpecialCategory: c.isSpecialCategory,
    }),
    extraFields: (form, setForm, errors) => (
      <>
        <SelectField
          label="Default sensitivity"
          name="defaultSensitivity"
          value={form.defaultSensitivity}
          onChange={(e) => setForm({ ...form, defaultSensitivity: e.target.value as Sensitivity })}
          error={errors.fields.defaultSensitivity}
        >
          {SENSITIVITIES.map((s) => (
            <option key={s} value={s}>
              {LABELS.sensitivity[s]}
            </option>
          ))}
        </SelectField>
        <CheckboxGroup
          legend="Special category"
          name="isSpecialCategory"
          options={[{ value: "special", label: "Special category data (GDPR Article 9)" }]}
          value={form.isSpecialCategory ? ["special"] : []}
          onChange={(v) => setForm({ ...form, isSpecialCategory: v.includes("special") })}
          error={errors.fields.isSpecialCategory}
        />
      </>
    ),
    listKey: trpc.categories.list.queryKey(),
    mutations: {
      create: trpc.categories.create.mutationOptions(),
      update: trpc.categories.update.mutationOptions(),
      retire: trpc.categories.retire.mutationOptions(),
      restore: trpc.categories.restore.mutationOptions(),
    },
  };
}

export function CategoriesAdmin() {
  const trpc = useTRPC();
  const kind = useCategoryKind();
  const searchParams = useSearchParams();
  const [view, setView] = useState<ViewOption[]>(searchParams.get("special") === "1" ? ["special"] : []);
  const [text, setText] = useState("");
  const includeRetired = view.includes("retired");
  // Keep the previous rows on screen while the other list loads, instead of flashing a spinner.
  const categories = useQuery({ ...trpc.categories.list.queryOptions({ includeRetired }), placeholderData: (prev) => prev });

  const needle = text.trim().toLowerCase();
  const rows = (categories.data ?? []).filter(
    (c) => (!view.includes("special") || c.isSpecialCategory) && (!needle || c.key.toLowerCase().includes(needle) || c.name.toLowerCase().includes(needle)),
  );

  return (
    <ReferenceAdmin
      kind={kind}
      canManage={useCan("category:manage")}
      query={categories}
      rows={rows}
      emptyTitle="No data categories yet"
      noMatchTitle="No categories match these filters"
      filters={
        <div className="grid gap-4 md:grid-cols-[minmax(0,24rem)_1fr] md:items-end">
          <TextField label="Filter by key or name" name="filter" type="search" value={text} onChange={(e) => setText(e.target.value)} />
          <CheckboxGroup legend="Show" name="view" options={viewOptions} value={view} onChange={setView} />
        </div>
      }
    />
  );
}
