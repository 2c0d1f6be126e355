import { useEffect, useState } from 'react';

export type Loaded<T> =
  { state: 'loading' } | { state: 'failed'; error: unknown } | { state: 'ready'; value: T };

const LOADING = { state: 'loading' } as const;

/**
 * The answer of `load` (memoise it with useCallback: a new function loads again). An answer that
 * arrives after `load` changed belongs to the old question and is dropped.
 */
export function useLoaded<T>(load: (() => Promise<T>) | null): Loaded<T> {
  const [result, setResult] = useState<{ source: () => Promise<T>; loaded: Loaded<T> }>();
  useEffect(() => {
    if (!load) return;
    let current = true;
    load().then(
      (value) => current && setResult({ source: load, loaded: { state: 'ready', value } }),
      (error: unknown) => current && setResult({ source: load, loaded: { state: 'failed', error } }),
    );
    return () => {
      current = false;
    };
  }, [load]);
  return result && result.source === load ? result.loaded : LOADING;
}
