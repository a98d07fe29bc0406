// The one breakpoint the UI changes its layout at: below it, a phone (the menu is a drawer, lists
// are cards, tables reflow). Matches the CSS `@media (max-width: 767.98px)`.
import { useSyncExternalStore } from 'react';

export const PHONE_QUERY = '(max-width: 767.98px)';
export const REDUCED_MOTION_QUERY = '(prefers-reduced-motion: reduce)';

function matches(query: string) {
  return typeof window !== 'undefined' && !!window.matchMedia?.(query)?.matches;
}

/** Whether the media query matches; follows the window as it changes. */
export function useMediaQuery(query: string) {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia?.(query);
      list?.addEventListener?.('change', onChange);
      return () => list?.removeEventListener?.('change', onChange);
    },
    () => matches(query),
    () => false,
  );
}

/** True on a phone-width screen. */
export function useIsPhone() {
  return useMediaQuery(PHONE_QUERY);
}
