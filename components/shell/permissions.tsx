"use client";

import { createContext, useContext, type ReactNode } from "react";
import { hasScope } from "@/server/authz/policy";
import type { Role, Scope } from "@/server/authz/scopes";

export interface Viewer {
  id: string;
  name: string;
  email: string;
  roles: Role[];
}

const ViewerContext = createContext<Viewer | null>(null);

export function ViewerProvider({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

export function useViewer(): Viewer {
  const v = useContext(ViewerContext);
  if (!v) throw new Error("useViewer outside ViewerProvider");
  return v;
}

/** The same check the server runs; the UI only hides what the server would refuse anyway. */
export function useCan(scope: Scope): boolean {
  return hasScope(useViewer().roles, scope);
}
