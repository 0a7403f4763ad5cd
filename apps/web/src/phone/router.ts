// The phone side's routing: a handful of paths under /m, kept in the address bar with the History API.
// react-router would be most of the phone's script; this is what the phone's pages need of it.
import { useSyncExternalStore, type MouseEvent } from 'react';
import { PHONE_BASE } from './contact.ts';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/** The current place inside the phone side: `/appeals/new`, `/login?redirect=…`. */
function currentPlace(): string {
  const { pathname, search } = window.location;
  const inside = pathname.startsWith(`${PHONE_BASE}/`) ? pathname.slice(PHONE_BASE.length) : '/';
  return inside + search;
}

export function usePlace(): { path: string; query: URLSearchParams } {
  const place = useSyncExternalStore(subscribe, currentPlace);
  const [path = '/', search = ''] = place.split('?');
  return { path, query: new URLSearchParams(search) };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = PHONE_BASE + to;
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.scrollTo(0, 0);
  for (const listener of listeners) listener();
}

/** An ordinary link that stays in the page (a new tab or window still opens the real address). */
export function linkProps(to: string) {
  return {
    href: PHONE_BASE + to,
    onClick(event: MouseEvent<HTMLAnchorElement>) {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      navigate(to);
    },
  };
}

/** Where to go after signing in: a phone path only, never another site or the sign-in page itself. */
export function safePhonePath(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/login')) return '/';
  return value;
}
