"use client";

import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";
import { useMemo } from "react";

/**
 * Scalar's reference, bundled with the app (no CDN) and configured for the strict CSP: no web
 * fonts, no telemetry, no request client (it would send the visitor's requests from the page).
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
      withDefaultFonts: false,
      telemetry: false,
      showDeveloperTools: "never" as const,
    }),
    [document, origin],
  );
  return <ApiReferenceReact configuration={configuration} />;
}
