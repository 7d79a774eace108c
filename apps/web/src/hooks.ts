import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads once, then every `pollMs` while the page is visible. Requests go out with `cache: 'no-cache'`, so the
 * browser revalidates with If-None-Match and the api answers 304 when nothing changed (its ETag hook): a quiet
 * list costs a header exchange; the view re-renders only when the body differs.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], pollMs = 0): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const last = useRef<string>('');
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const run = useCallback(load, deps);

  useEffect(() => {
    let live = true;
    const once = async () => {
      try {
        const data = await run();
        const text = JSON.stringify(data);
        if (live && text !== last.current) {
          last.current = text;
          setState({ data, error: null, loading: false });
        } else if (live) setState((s) => (s.loading || s.error ? { ...s, loading: false, error: null } : s));
      } catch (error) {
        if (live) setState((s) => ({ ...s, error, loading: false }));
      }
    };
    void once();
    if (!pollMs) return () => void (live = false);
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void once();
    }, pollMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [run, pollMs, tick]);

  return { ...state, reload };
}

export const POLL_MS = 3000;
