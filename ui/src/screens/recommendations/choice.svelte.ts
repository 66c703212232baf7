// What the Products and Customers tabs share: a picker's text, the options
// it finds a moment after typing stops, the one chosen and its lists. Each
// tab's class says how to find options and what to load for a choice.

import { onDestroy } from 'svelte';
import * as backend from '../../lib/backend';
import { reportError } from '../../lib/errors.svelte';
import { latest } from '../../lib/latest.svelte';
import { DEBOUNCE_MS } from '../../lib/search';
import { debounce } from '../../lib/timing';

/** A product or customer gone from the workspace since it was chosen. */
export function isNotFound(error: unknown): boolean {
  return (
    error instanceof backend.BackendError &&
    (error.code === 'product_not_found' || error.code === 'customer_not_found')
  );
}

export abstract class Choice<R> {
  query = $state('');
  id = $state<string | null>(null);
  recs = $state<R | null>(null);
  loading = $state(false);

  #requests = latest();
  #findSoon = debounce(() => void this.find(), DEBOUNCE_MS);

  /** Call while a component is set up (it cancels its timer when that goes away). */
  constructor() {
    onDestroy(() => this.#findSoon.cancel());
  }

  /** Asks for the options matching `query` now. */
  abstract find(): Promise<void>;

  /** What goes with the chosen id. */
  protected abstract fetch(id: string): Promise<R>;

  /** Takes the lists for the chosen id. */
  protected received(recs: R): void {
    this.recs = recs;
  }

  /** A search asked for now: the one waiting for typing to stop is dropped. */
  protected findingNow(): void {
    this.#findSoon.cancel();
  }

  /** The picker's text changed: find a moment after typing stops. */
  typed(value: string) {
    this.query = value;
    this.#findSoon();
  }

  clear() {
    this.query = '';
    void this.find();
  }

  /** Loads what goes with a choice; `quiet` lets one gone from the workspace go without an error. */
  async load(id: string, quiet = false) {
    await this.#requests.run(() => this.fetch(id), {
      busy: (on) => (this.loading = on),
      done: (result) => this.received(result),
      failed: (error) => {
        if (quiet && isNotFound(error)) {
          this.id = null;
          this.recs = null;
        } else {
          reportError(error);
        }
      },
    });
  }

  choose(id: string) {
    this.id = id;
    void this.load(id);
  }

  /** The lists again (rules or data changed). */
  reload() {
    if (this.id) void this.load(this.id, true);
  }
}
