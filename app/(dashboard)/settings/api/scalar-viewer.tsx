"use client";

import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";
import { useMemo } from "react";

/**
 * Scalar's reference, bundled with the app (no CDN) and configured for the strict CSP: no web
 * fonts, no telemetry, no request client (it would send the visitor's requests from the page).
 * The two <style> elements it inserts are allowed by hash (VIEWER_STYLE_HASHES in
 * server/http/security-headers.ts): changing the theme options here changes one of them.
 */
export default function ScalarViewer({ document, origin }: { document: Record<string, unknown>; origin: string }) {
  const configuration = useMemo(
    () => ({
      content: document,
      layout: "classic" as const,
      servers: [{ url: origin }],
      hideClientButton: true,
      hideTestRequestButton: true,
      hideDarkModeToggle: true,
      forceDarkModeState: "light" as const,
      hideDownloadButton: true,
      hideSearch: true,
      defaultOpenAllTags: true,
      withDefaultFonts: false,
      telemetry: false,
      showDeveloperTools: "never" as const,
    }),
    [document, origin],
  );
  return <ApiReferenceReact configuration={configuration} />;
}
