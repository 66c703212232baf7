// What the Products tab shows: the picker's query and options, the chosen
// product and its lists. The screen holds it, so it outlives a switch of
// tabs; the tab only draws it.

import { onDestroy } from 'svelte';
import * as backend from '../../lib/backend';
import type { ProductRecommendations, SearchHit } from '../../lib/bindings';
import { reportError } from '../../lib/errors.svelte';
import { latest } from '../../lib/latest.svelte';
import { productSearchRequest } from '../../lib/recommendations';
import { DEBOUNCE_MS } from '../../lib/search';
import { debounce } from '../../lib/timing';

/** A product or customer gone from the workspace since it was chosen. */
export function isNotFound(error: unknown): boolean {
  return (
    error instanceof backend.BackendError &&
    (error.code === 'product_not_found' || error.code === 'customer_not_found')
  );
}

/**
 * A failed load: on a quiet reload, a product or customer gone since it was
 * chosen is let go (`forget`) without an error; anything else is reported.
 */
export function forgetIfGone(error: unknown, quiet: boolean, forget: () => void): void {
  if (quiet && isNotFound(error)) forget();
  else reportError(error);
}

export class ProductChoice {
  query = $state('');
  /** The catalogue's matches for `optionsQuery`; null before the first answer. */
  options = $state<SearchHit[] | null>(null);
  optionsQuery = $state('');
  optionsLoading = $state(false);
  id = $state<string | null>(null);
  recs = $state<ProductRecommendations | null>(null);
  loading = $state(false);

  #optionRequests = latest();
  #requests = latest();
  #searchSoon = debounce(() => void this.search(), DEBOUNCE_MS);

  /** Call while a component is set up (it cancels its timer when that goes away). */
  constructor() {
    onDestroy(() => this.#searchSoon.cancel());
  }

  get busy(): boolean {
    return this.optionsLoading || this.loading;
  }

  /** The catalogue A–Z, as the screen read it, when nothing is typed. */
  browse(hits: SearchHit[]) {
    if (this.query.trim() !== '') return;
    this.options = hits;
    this.optionsQuery = '';
  }

  async search() {
    this.#searchSoon.cancel();
    await this.#optionRequests.run(() => backend.search(productSearchRequest(this.query)), {
      busy: (on) => (this.optionsLoading = on),
      done: (response) => {
        this.options = response.hits;
        this.optionsQuery = response.query;
      },
    });
  }

  /** The picker's text changed: search a moment after typing stops. */
  typed(value: string) {
    this.query = value;
    this.#searchSoon();
  }

  clear() {
    this.query = '';
    void this.search();
  }

  /** Loads what goes with a product; `quiet` drops a product gone from the catalog without an error. */
  async load(id: string, quiet = false) {
    await this.#requests.run(() => backend.recommendForProduct(id), {
      busy: (on) => (this.loading = on),
      done: (result) => (this.recs = result),
      failed: (error) => forgetIfGone(error, quiet, () => this.forget()),
    });
  }

  /** Nothing chosen any more (the product left the catalogue). */
  forget() {
    this.id = null;
    this.recs = null;
  }

  choose(id: string) {
    this.id = id;
    void this.load(id);
  }

  /** Shows a product named in another list (unless it is already shown). */
  open(id: string) {
    if (id !== this.id || !this.recs) this.choose(id);
  }

  /** The lists again (rules or data changed). */
  reload() {
    if (this.id) void this.load(this.id, true);
  }
}
