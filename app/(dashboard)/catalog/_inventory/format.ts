import { JURISDICTIONS } from "@/domain/vocab";

export type Jurisdiction = (typeof JURISDICTIONS)[number];

/** The codes are what people put on contracts; the names help whoever does not know them. */
export const JURISDICTION_NAMES: Record<Jurisdiction, string> = {
  EU: "European Union",
  UK: "United Kingdom",
  US: "United States (federal)",
  "US-CA": "California",
  "US-VA": "Virginia",
  "US-CO": "Colorado",
  CA: "Canada",
  CH: "Switzerland",
  AU: "Australia",
  BR: "Brazil",
};

/** Retention reads as people say it: "2 years" when it is whole years, otherwise days. */
export function formatRetention(days: number): string {
  if (days >= 365 && days % 365 === 0) {
    const years = days / 365;
    return `${years} year${years === 1 ? "" : "s"}`;
  }
  return `${days} day${days === 1 ? "" : "s"}`;
}

export { linkButton, secondaryLinkButton, textLink } from "@/components/ui/button";

export { isUuid } from "@/components/ui/list-state";

/** Next.js hands search params over as string | string[]; list state only uses the first. */
export const firstParam = (params: Record<string, string | string[] | undefined>) => (name: string) => {
  const v = params[name];
  return Array.isArray(v) ? v[0] : v;
};
