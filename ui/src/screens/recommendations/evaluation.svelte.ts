// What the Evaluate tab shows: the form, the run going on and the last
// report. The screen holds it, so a report outlives a switch of tabs.

import * as backend from '../../lib/backend';
import type { RecommendEvalReport, RecommendEvalRequest } from '../../lib/bindings';
import { elapsedTimer } from '../../lib/elapsed.svelte';
import { latest } from '../../lib/latest.svelte';
import { emptyEvalDraft, evalRequestFromDraft, type EvalDraft, type EvalErrors } from '../../lib/recommendations';

export class Evaluation {
  draft = $state<EvalDraft>(emptyEvalDraft());
  errors = $state<EvalErrors>({});
  running = $state(false);
  report = $state<RecommendEvalReport | null>(null);
  /** The request the report answers. */
  ran = $state<RecommendEvalRequest | null>(null);
  /** Orders imported since the report was made. */
  stale = $state(false);
  readonly elapsed = elapsedTimer();
  #requests = latest();

  /** Orders were imported: a report shown no longer covers them. */
  dataChanged() {
    if (this.report) this.stale = true;
  }

  async run() {
    if (this.running) return;
    const { request, errors } = evalRequestFromDraft(this.draft);
    this.errors = errors;
    if (!request) return;
    await this.#requests.run(() => backend.recommendEvaluate(request), {
      busy: (on) => {
        this.running = on;
        this.elapsed.track(on);
      },
      done: (report) => {
        this.report = report;
        this.ran = request;
        this.stale = false;
      },
    });
  }
}
