"use client";

import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";
import "./scalar-overrides.css";
import { useMemo } from "react";

/**
 * Scalar's reference, bundled with the app (no CDN) and configured for the strict CSP: no web
 * fonts, no telemetry, no AI agent, no request client (it would send the visitor's requests from the page).
 * The two <style> elements it inserts are allowed by hash (VIEWER_STYLE_HASHES in
 * server/http/security-headers.ts): changing the theme options here changes one of them.
 */
export default function ScalarViewer({ document, origin }: { document: Record<string, unknown>; origin: string }) {
  const configuration = useMemo(
    () => ({
      content: document,
      // The modern layout without its sidebar is one column that fits the page; the classic one
      // nests "copy link" buttons inside each operation's disclosure button (axe: nested-interactive).
      layout: "modern" as const,
      showSidebar: false,
      hideModels: true,
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
      // Its "Ask AI" sends the document to Scalar's service (which connect-src would refuse anyway).
      agent: { disabled: true },
      showDeveloperTools: "never" as const,
    }),
    [document, origin],
  );
  return <ApiReferenceReact configuration={configuration} />;
}
