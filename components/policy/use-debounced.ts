import { useEffect, useState } from "react";

/** The value once it has stopped changing for `ms`, so typing does not fire a request per keystroke. */
export function useDebounced<T>(value: T, ms: number, key: string): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
    // `key` identifies the value, so a new but equal array does not restart the timer.
  }, [key, ms]);
  return settled;
}
