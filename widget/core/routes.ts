/**
 * Single-page-app navigation: history.pushState/replaceState, back/forward and hash changes.
 * `change(true)` is a new page view; replaceState only re-evaluates (filters and sorting rewrite
 * the URL without a new page).
 */
export function watchRoutes(change: (pageView: boolean) => void): void {
  let href = location.href;
  const check = (pageView: boolean) => {
    if (location.href != href) {
      href = location.href;
      change(pageView);
    }
  };
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      check(method == 'pushState');
    };
  }
  // Back, forward and hash changes all fire popstate.
  addEventListener('popstate', () => check(true));
}
