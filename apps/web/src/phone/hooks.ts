// Loading what a page shows, and a short notice at the bottom of the screen after an action.
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { PhoneApiError } from './api.ts';
import type { Translate } from './texts.ts';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads `load()` when `key` changes (and on reload); an answer for an older key is dropped. */
export function useResource<T>(key: string, load: () => Promise<T>): Resource<T> {
  const [state, setState] = useState<{ key: string; data?: T; error?: unknown; loading: boolean }>({
    key,
    loading: true,
  });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ key, data: previous.key === key ? previous.data : undefined, loading: true }));
    load().then(
      (data) => current && setState({ key, data, loading: false }),
      (error: unknown) => current && setState({ key, error, loading: false }),
    );
    return () => {
      current = false;
    };
    // `load` is a new function on every render; `key` says what it loads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** What to tell the person about a failed call: the server's own message, with the fields it names. */
export function errorText(error: unknown, t: Translate): string {
  if (error instanceof PhoneApiError) {
    if (error.code === 'NETWORK_ERROR') return t('networkError');
    const fields = error.details.map((detail) => detail.message).filter(Boolean);
    const message = error.message || t('unknownError');
    return fields.length > 0 ? `${message}：${fields.join('；')}` : message;
  }
  return t('unknownError');
}

export const ToastContext = createContext<(text: string) => void>(() => undefined);

export function useToast(): (text: string) => void {
  return useContext(ToastContext);
}
