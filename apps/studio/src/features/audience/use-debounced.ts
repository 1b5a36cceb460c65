import { useEffect, useState } from 'react';

/**
 * The value once it has stopped changing for `delayMs`: the live count and example ask the API
 * when the author pauses, not on every keystroke. Values are compared by their JSON, so a new
 * object with the same content does not restart the wait.
 */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
    // `key` stands for the value's content, so the value itself is not a dependency.
  }, [key, delayMs]);
  return settled;
}
