"use client";

import { useEffect, useState } from "react";

/**
 * `value`, once it has stopped changing for `ms`: for search boxes and checks that ask the server
 * as one types. Give `key` when `value` is rebuilt on every render (an array, an object), so that
 * a new but equal value does not restart the timer.
 */
export function useDebounced<T>(value: T, ms = 300, key?: string): T {
  const [debounced, setDebounced] = useState(value);
  const changed = key ?? value;
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
    // `value` is read when the timer fires; `changed` says when to restart it.
  }, [changed, ms]);
  return debounced;
}
