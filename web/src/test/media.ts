// What matchMedia returns in the tests: a fixed answer that never changes. A module of its own with
// no imports, so test/setup.ts can use it before anything loads Ant Design.
export function mediaQueryList(query: string, matches: boolean): MediaQueryList {
  return {
    matches,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  } as MediaQueryList;
}
