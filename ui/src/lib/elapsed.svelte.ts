// Whole seconds since a long engine call started, for the "… 12 s" shown
// while it runs. Owns the interval timer and nothing else.

import { onDestroy } from 'svelte';

export class Elapsed {
  /** Whole seconds since `start()`, 0 before the first second. */
  seconds = $state(0);
  #timer: ReturnType<typeof setInterval> | null = null;

  start(): void {
    this.stop();
    const started = Date.now();
    this.seconds = 0;
    this.#timer = setInterval(() => (this.seconds = Math.floor((Date.now() - started) / 1000)), 500);
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Follows a request's busy state: starts when it turns on, stops when it ends. */
  track(busy: boolean): void {
    if (busy) this.start();
    else this.stop();
  }

  /** True between `start()` and `stop()`. */
  get running(): boolean {
    return this.#timer !== null;
  }
}

/** An `Elapsed` whose timer stops with the component; call it during set-up. */
export function elapsedTimer(): Elapsed {
  const timer = new Elapsed();
  onDestroy(() => timer.stop());
  return timer;
}
