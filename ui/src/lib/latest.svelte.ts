// "Latest request wins": when a screen asks the engine again before the last
// answer came back, only the newest answer may change what is shown. This
// owns the counting; what to ask and what to show stay with the caller.

import { onDestroy } from 'svelte';
import { reportError } from './errors.svelte';

/** What `Latest.run` does with a request's answer, while it is the newest. */
export interface RunHandlers<T> {
  /** Set true when the request starts, false when the newest one ends. */
  busy?: (on: boolean) => void;
  /** The answer of the newest request. */
  done: (answer: T) => void;
  /** The newest request failed (or `done` threw); by default the error banner shows it. */
  failed?: (error: unknown) => void;
}

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

  /**
   * Starts `ask` as the newest request and hands its answer (or failure) to
   * `handlers` only while no newer request has started. A stale answer is
   * dropped, and a stale request leaves `busy` to the newer one.
   */
  async run<T>(ask: () => Promise<T>, handlers: RunHandlers<T>): Promise<void> {
    const current = this.begin();
    handlers.busy?.(true);
    try {
      const answer = await ask();
      if (current()) handlers.done(answer);
    } catch (error) {
      if (current()) (handlers.failed ?? reportError)(error);
    } finally {
      if (current()) handlers.busy?.(false);
    }
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
