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

const titles = new Map<string, string>();

/**
 * Titles of the articles behind a list of claims, fetched once each (the claim list carries only the article id).
 * At most `max` distinct articles: a board of claims from hundreds of articles shows the rest as "article".
 */
export function useArticleTitles(ids: string[], fetchTitle: (id: string) => Promise<string>, max = 50) {
  const [, setVersion] = useState(0);
  const wanted = [...new Set(ids)].slice(0, max).filter((id) => !titles.has(id));
  const key = wanted.join(',');
  useEffect(() => {
    if (!key) return;
    let live = true;
    void (async () => {
      for (const id of key.split(',')) {
        titles.set(id, await fetchTitle(id).catch(() => 'article'));
      }
      if (live) setVersion((v) => v + 1);
    })();
    return () => void (live = false);
  }, [key]);
  return (id: string) => titles.get(id) ?? '…';
}
