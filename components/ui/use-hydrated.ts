"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server's HTML and during hydration, true once React handles events. A control
 * whose change is saved at once stays disabled until then: a click on the server's HTML would
 * flip the box and then be undone by hydration, with nothing saved and nothing said.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
