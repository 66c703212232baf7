// What the Customers tab shows: the customer list and its filter, the chosen
// customer's history and picks, and the preference quiz of a cold-start
// customer with the engine's picks for its answers. The screen holds it, so
// it outlives a switch of tabs; the tab only draws it.

import { onDestroy, untrack } from 'svelte';
import * as backend from '../../lib/backend';
import type { CustomerRecommendations, CustomerSummary, PreferenceQuiz, QuizPicks } from '../../lib/bindings';
import { isModelProblem } from '../../lib/assistant';
import { reportError } from '../../lib/errors.svelte';
import { latest } from '../../lib/latest.svelte';
import {
  QUIZ_DEBOUNCE_MS,
  applyQuiz,
  emptyQuiz,
  preferenceQuiz,
  quizActive,
  type QuizAnswers,
} from '../../lib/recommendations';
import { debounce } from '../../lib/timing';
import { Choice } from './choice.svelte';

/**
 * The engine's picks for the quiz answers (`request`), or, when it could
 * not give them, why (the answers then filter the popular picks here).
 */
export type QuizOutcome =
  | { request: PreferenceQuiz; picks: QuizPicks }
  | { request: PreferenceQuiz; picks: null; note: string };

export class CustomerChoice extends Choice<CustomerRecommendations> {
  /** The customers for `listQuery`; null before the first answer. */
  list = $state<CustomerSummary[] | null>(null);
  listQuery = $state('');
  listLoading = $state(false);
  quiz = $state<QuizAnswers>(emptyQuiz());
  quizOutcome = $state<QuizOutcome | null>(null);
  quizLoading = $state(false);

  /** True when the quiz has an answer. */
  quizOn = $derived(quizActive(this.quiz));
  /** The picks for the quiz answers: the engine's, or the popular picks filtered here when it failed. */
  quizShown = $derived.by(() => {
    const recs = this.recs;
    if (!recs?.cold_start || !this.quizOn || !this.quizOutcome) return null;
    if (this.quizOutcome.picks) return this.quizOutcome.picks.picks.map((item) => ({ item, words: [] as string[] }));
    return applyQuiz(recs.picks, this.quiz);
  });
  shownPicks = $derived(
    this.quizShown ?? (this.recs ? this.recs.picks.map((item) => ({ item, words: [] as string[] })) : []),
  );

  /** The answers and customer lists last asked about (not reactive: only to skip asking twice). */
  #quizAsked: { key: string; recs: CustomerRecommendations } | null = null;
  #listRequests = latest();
  #quizRequests = latest();
  #quizSoon = debounce((request: PreferenceQuiz) => void this.#loadQuizPicks(request), QUIZ_DEBOUNCE_MS);

  /** Call while a component is set up (its timers and effect belong to it). */
  constructor() {
    super();
    onDestroy(() => this.#quizSoon.cancel());
    // The answers of a cold-start customer go to the engine a moment after
    // the last change, and again when their lists reload (rules or data
    // changed); an answer to earlier answers is dropped.
    $effect(() => {
      const recs = this.recs;
      const request = recs?.cold_start && this.quizOn ? preferenceQuiz(this.quiz) : null;
      untrack(() => this.#askQuiz(recs, request));
    });
  }

  get busy(): boolean {
    return this.listLoading || this.loading || this.quizLoading;
  }

  async find() {
    this.findingNow();
    const query = this.query.trim();
    await this.#listRequests.run(() => backend.recommendCustomers(query), {
      busy: (on) => (this.listLoading = on),
      done: (list) => {
        this.list = list;
        this.listQuery = query;
      },
    });
  }

  protected fetch(id: string): Promise<CustomerRecommendations> {
    return backend.recommendForCustomer(id);
  }

  /** Another customer's picks: the quiz answers were for the one before. */
  protected override received(result: CustomerRecommendations) {
    if (this.recs?.customer.customer_id !== result.customer.customer_id) this.quiz = emptyQuiz();
    this.recs = result;
  }

  clearQuiz() {
    this.quiz = emptyQuiz();
  }

  #askQuiz(recs: CustomerRecommendations | null, request: PreferenceQuiz | null) {
    if (!recs || !request) {
      this.#quizSoon.cancel();
      this.#quizRequests.cancel();
      this.#quizAsked = null;
      this.quizOutcome = null;
      this.quizLoading = false;
      return;
    }
    const key = JSON.stringify(request);
    if (this.#quizAsked && this.#quizAsked.key === key && this.#quizAsked.recs === recs) return;
    this.#quizAsked = { key, recs };
    this.#quizRequests.cancel();
    this.quizLoading = true;
    this.#quizSoon(request);
  }

  async #loadQuizPicks(request: PreferenceQuiz) {
    await this.#quizRequests.run(() => backend.recommendForPreferences(request), {
      busy: (on) => (this.quizLoading = on),
      done: (picks) => (this.quizOutcome = { request, picks }),
      failed: (error) => {
        reportError(error);
        const modelProblem = error instanceof backend.BackendError && isModelProblem(error.code);
        this.quizOutcome = {
          request,
          picks: null,
          note: modelProblem
            ? 'Style words are matched by meaning with the embedding model, which is not available: the popular picks are filtered by name here instead.'
            : 'The engine could not pick for these answers: the popular picks are filtered here instead.',
        };
      },
    });
  }
}
