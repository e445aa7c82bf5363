"use client";

import SwaggerUI from "swagger-ui-dist/swagger-ui-es-bundle.js";
import "swagger-ui-dist/swagger-ui.css";
import "./swagger-ui-overrides.css";
import { useEffect, useRef } from "react";

// Parts of Swagger UI that only serve sending requests from the page: none here.
const nothing = () => () => null;

/**
 * Swagger UI (swagger-ui-dist), bundled with the app (no CDN) and set up for the strict CSP and
 * for reading only: it gets the document as an object (no fetch), has no "Try it out" (no submit
 * methods), no Authorize dialog, no validator badge (which would send the document's URL to
 * validator.swagger.io) and no models section. It renders with its own React into a node of ours.
 * Its stylesheet has a dark theme under `html.dark-mode`: set while the page is shown and the
 * system prefers dark, as the rest of the app follows prefers-color-scheme.
 */
export default function OpenApiViewer({ document: doc }: { document: Record<string, unknown> }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = document.createElement("div");
    host.current?.append(node);
    SwaggerUI({
      domNode: node,
      spec: doc,
      supportedSubmitMethods: [],
      validatorUrl: null,
      deepLinking: false,
      docExpansion: "list",
      defaultModelsExpandDepth: -1,
      requestSnippetsEnabled: false,
      syntaxHighlight: { activated: true, theme: "agate" },
      plugins: [() => ({ wrapComponents: { authorizeBtn: nothing, authorizeOperationBtn: nothing } })],
    });
    return () => node.remove();
  }, [doc]);
  useEffect(() => {
    const dark = window.matchMedia("(prefers-color-scheme: dark)");
    const follow = () => document.documentElement.classList.toggle("dark-mode", dark.matches);
    follow();
    dark.addEventListener("change", follow);
    return () => {
      dark.removeEventListener("change", follow);
      document.documentElement.classList.remove("dark-mode");
    };
  }, []);
  return <div ref={host} />;
}
