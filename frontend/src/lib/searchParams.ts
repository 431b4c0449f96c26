import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Filters kept in the URL query string, so a list can be bookmarked, shared, reloaded or opened in a new tab.
 * Setting any filter other than `page` goes back to page 1.
 */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;

  const update = useCallback(
    (patch: Partial<Record<K | 'page', string | null>>, opts: { replace?: boolean } = {}) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch) as [string, string | null | undefined][]) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        { replace: opts.replace },
      );
    },
    [setParams],
  );

  const page = Math.max(1, Number(params.get('page')) || 1);
  return { values, page, update, clear: () => setParams(new URLSearchParams()) };
}

/**
 * A search box bound to a URL value: typing commits after a pause (replacing the history entry),
 * and the box follows the URL when it changes from outside (back/forward, reset).
 */
export function useSearchText(urlValue: string, commit: (value: string) => void, delay = 400) {
  const [text, setText] = useState(urlValue);
  const [seen, setSeen] = useState(urlValue);
  if (urlValue !== seen) {
    setSeen(urlValue);
    if (text.trim() !== urlValue) setText(urlValue);
  }
  useEffect(() => {
    if (text.trim() === urlValue) return;
    const id = setTimeout(() => commit(text.trim()), delay);
    return () => clearTimeout(id);
  }, [text, urlValue, commit, delay]);
  return [text, setText] as const;
}
