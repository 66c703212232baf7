// What the Products tab shows: the picker's query and options, the chosen
// product and its lists. The screen holds it, so it outlives a switch of
// tabs; the tab only draws it.

import * as backend from '../../lib/backend';
import type { ProductRecommendations, SearchHit } from '../../lib/bindings';
import { latest } from '../../lib/latest.svelte';
import { productSearchRequest } from '../../lib/recommendations';
import { Choice } from './choice.svelte';

export class ProductChoice extends Choice<ProductRecommendations> {
  /** The catalogue's matches for `optionsQuery`; null before the first answer. */
  options = $state<SearchHit[] | null>(null);
  optionsQuery = $state('');
  optionsLoading = $state(false);

  #optionRequests = latest();

  get busy(): boolean {
    return this.optionsLoading || this.loading;
  }

  /** The catalogue A–Z, as the screen read it, when nothing is typed. */
  browse(hits: SearchHit[]) {
    if (this.query.trim() !== '') return;
    this.options = hits;
    this.optionsQuery = '';
  }

  async find() {
    this.findingNow();
    await this.#optionRequests.run(() => backend.search(productSearchRequest(this.query)), {
      busy: (on) => (this.optionsLoading = on),
      done: (response) => {
        this.options = response.hits;
        this.optionsQuery = response.query;
      },
    });
  }

  protected fetch(id: string): Promise<ProductRecommendations> {
    return backend.recommendForProduct(id);
  }

  /** Shows a product named in another list (unless it is already shown). */
  open(id: string) {
    if (id !== this.id || !this.recs) this.choose(id);
  }
}
