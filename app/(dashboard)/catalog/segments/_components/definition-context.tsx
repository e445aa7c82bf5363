"use client";

import { createContext, useContext } from "react";
import type { EditorNode } from "./form-state";
import type { KnownSegment, KnownSignal } from "./form-state";

export interface DefinitionContextValue {
  signals: ReadonlyMap<string, KnownSignal>;
  segments: ReadonlyMap<string, KnownSegment>;
  rememberSignal: (s: KnownSignal) => void;
  rememberSegment: (s: KnownSegment) => void;
  /** The segment being edited, which may not use itself. */
  selfId: string | null;
  numbers: ReadonlyMap<string, number>;
  update: (uid: string, fn: (n: EditorNode) => EditorNode | null) => void;
}

export const DefinitionContext = createContext<DefinitionContextValue | null>(null);

export function useDefinition(): DefinitionContextValue {
  const v = useContext(DefinitionContext);
  if (!v) throw new Error("useDefinition outside DefinitionContext");
  return v;
}
