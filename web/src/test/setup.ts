import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { mediaQueryList } from './media';

afterEach(() => cleanup());

// Ant Design renders slowly in jsdom; give findBy* queries time on a busy machine.
configure({ asyncUtilTimeout: 30_000 });

// Without animation events @rc-component/motion skips its enter/leave animations (as it did in jsdom,
// which has none): a closed modal then goes at once instead of waiting for an animationend that no
// one fires. Removed before any test file imports Ant Design, which checks for them on load.
for (const name of ['AnimationEvent', 'TransitionEvent']) {
  delete (window as unknown as Record<string, unknown>)[name];
  delete (globalThis as Record<string, unknown>)[name];
}

// No media query matches and nothing is ever resized, whatever the DOM implementation offers
// (jsdom has neither; happy-dom would answer by its own 1024 px window). screenIsPhone (test/util)
// stubs matchMedia for a phone.
window.matchMedia = (query: string) => mediaQueryList(query, false);
window.ResizeObserver = class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

// jsdom did not implement pseudo-element styles and logged a warning for each call.
const getComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element) => getComputedStyle(element);
