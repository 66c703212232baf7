// "Latest request wins": when a screen asks the engine again before the last
// answer came back, only the newest answer may change what is shown. This
// owns the counting; what to ask and what to show stay with the caller.

import { onDestroy } from 'svelte';

export class Latest {
  #current = 0;

  /**
   * Starts a request and returns a check that stays true while no newer
   * request has started and nothing cancelled this one.
   */
  begin(): () => boolean {
    const mine = ++this.#current;
    return () => mine === this.#current;
  }

  /** Makes every request already started stale. */
  cancel(): void {
    this.#current += 1;
  }
}

/**
 * A `Latest` for a component: requests still running when it goes away are
 * stale, so their answers (and failures) are dropped. Call it while the
 * component is set up, like Svelte's own lifecycle functions.
 */
export function latest(): Latest {
  const requests = new Latest();
  onDestroy(() => requests.cancel());
  return requests;
}
