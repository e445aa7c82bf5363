import type { inferRouterOutputs } from "@trpc/server";
import { LABELS } from "@/domain/vocab";
import type { AppRouter } from "@/server/trpc/root";

type Results = inferRouterOutputs<AppRouter>["search"]["global"];
export interface Hit {
  id: string;
  name: string;
  detail: string;
  href: string;
}

/** Fewer characters than this are not sent to the server. */
export const MIN_CHARS = 2;

/** The header search's and the command palette's results, grouped by kind, each with the page it opens. */
export function groupsOf(r: Results | undefined): Array<{ key: string; label: string; hits: Hit[] }> {
  if (!r) return [];
  const groups = [
    { key: "segments", label: "Segments", hits: r.segments.map((s) => ({ id: s.id, name: s.name, detail: LABELS.status[s.status], href: `/catalog/segments/${s.id}` })) },
    { key: "signals", label: "Signals", hits: r.signals.map((s) => ({ id: s.id, name: s.name, detail: s.key, href: `/catalog/signals/${s.id}` })) },
    { key: "sources", label: "Data sources", hits: r.sources.map((s) => ({ id: s.id, name: s.name, detail: s.key, href: `/catalog/sources/${s.id}` })) },
    { key: "purposes", label: "Consent purposes", hits: r.purposes.map((p) => ({ id: p.id, name: p.name, detail: p.key, href: "/catalog/purposes" })) },
    { key: "categories", label: "Data categories", hits: r.categories.map((c) => ({ id: c.id, name: c.name, detail: c.key, href: "/catalog/categories" })) },
  ];
  return groups.filter((g) => g.hits.length > 0);
}
