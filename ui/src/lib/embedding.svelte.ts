// Background embedding of the open workspace (products, knowledge-base
// passages, support messages), shared by the sidebar indicator and the
// Search screen. It starts by itself when a workspace is loaded, opened or
// created (session.svelte.ts) and after an import (importer.svelte.ts); the
// rest of the app stays usable meanwhile. Every call goes through backend.ts.
//
// A missing or damaged model is not an error to shout about: it is kept as
// `unavailable` (the model's own message, which says how to install it) and
// shown as a calm notice where it matters.

import * as backend from './backend';
import type { EmbeddingStatus, EmbedProgress, EmbedReport } from './bindings';
import { reportError } from './errors.svelte';
import { liveCoverage, pendingItems } from './search';

/** Codes meaning the model cannot be used (a notice, not an error banner). */
const MODEL_CODES = new Set(['models_missing', 'models_corrupt', 'embedding_runtime']);

/** How often to look whether a run started elsewhere has finished. */
const POLL_MS = 1500;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

class Embedding {
  /** Model and coverage of the open workspace; null until read (or without a workspace). */
  status: EmbeddingStatus | null = $state(null);
  /** True while a run goes on (started here, or found running). */
  running = $state(false);
  cancelling = $state(false);
  /** The last `embed-progress` event of the run; null before its first batch. */
  progress: EmbedProgress | null = $state(null);
  /** How the last run of this workspace ended. */
  lastReport: EmbedReport | null = $state(null);
  /**
   * Why the last run could not use the model although its files are in
   * place (e.g. ONNX Runtime failed to load); cleared by a run that works.
   */
  failure: string | null = $state(null);
  /** Goes up whenever a run has stored or removed vectors, so results can reload. */
  generation = $state(0);

  private workspace: string | null = null;
  /** Another run was asked for while one was going (new workspace, new import). */
  private again = false;
  private statusRequest = 0;
  /** The run going on was started elsewhere; the status is re-read as it goes. */
  private following = false;

  /**
   * Why embedding cannot run, to show as a calm notice: the model's message
   * (which says how to install it), or null when the model can be used.
   */
  get unavailable(): string | null {
    if (this.status && !this.status.model.ready) return this.status.model.message;
    return this.failure;
  }

  /**
   * Coverage per kind as it stands, counting the batches of a running run
   * (the status is read when the run starts).
   */
  get coverage() {
    const coverage = this.status?.coverage ?? [];
    return this.running && this.progress && !this.following
      ? liveCoverage(coverage, this.progress.done)
      : coverage;
  }

  /** Called with the open workspace's path after it is loaded, opened, created or closed. */
  useWorkspace(path: string | null): void {
    if (path !== this.workspace) {
      this.workspace = path;
      this.status = null;
      this.lastReport = null;
    }
    if (path) void this.start();
  }

  /** Reads the model and coverage of the open workspace. */
  async refreshStatus(): Promise<EmbeddingStatus | null> {
    const workspace = this.workspace;
    if (!workspace || !backend.hasBackend()) return null;
    const id = ++this.statusRequest;
    try {
      const status = await backend.embeddingStatus();
      if (id !== this.statusRequest || workspace !== this.workspace) return null;
      this.status = status;
      return status;
    } catch (error) {
      if (id === this.statusRequest && workspace === this.workspace && !isCode(error, 'no_workspace')) {
        reportError(error);
      }
      return null;
    }
  }

  /**
   * Embeds what has no current vector. While a run goes on this only asks
   * for another one after it (what was imported meanwhile is not in it);
   * without a usable model, or with nothing to embed, it does nothing.
   */
  async start(): Promise<void> {
    if (!this.workspace || !backend.hasBackend()) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.cancelling = false;
    this.again = false;
    this.progress = null;
    const workspace = this.workspace;
    let ran = false;

    let stop: () => void = () => {};
    try {
      const status = await this.refreshStatus();
      const worthIt =
        workspace === this.workspace &&
        // A model that cannot be used: `unavailable` says why.
        status?.model.ready !== false &&
        // Nothing to embed (unless a run started elsewhere is going).
        !(status && !status.running && pendingItems(status.coverage) === 0);
      if (worthIt) {
        ran = true;
        // Known before the first batch reports: what is left, first kind first.
        const first = status?.running ? undefined : status?.coverage.find((c) => c.embedded < c.total);
        if (status && first) {
          this.progress = { kind: first.kind, label: first.label, done: 0, total: pendingItems(status.coverage) };
        }
        try {
          stop = await backend.onEmbedProgress((progress) => {
            if (this.running) this.progress = progress;
          });
        } catch (error) {
          reportError(error); // the run still goes; only its progress will not show
        }
        await this.run(workspace);
      }
    } finally {
      stop();
      this.running = false;
      this.cancelling = false;
      this.progress = null;
    }

    if (!this.workspace) {
      this.again = false;
    } else if (workspace !== this.workspace) {
      // Another workspace was opened meanwhile: its turn.
      void this.start();
    } else {
      const status = ran ? await this.refreshStatus() : this.status;
      const again = this.again;
      this.again = false;
      // Once the model is known to be unavailable, wait for the next reason to try.
      if (again && status?.model.ready !== false && !this.failure) void this.start();
    }
  }

  private async run(workspace: string): Promise<void> {
    try {
      const report = await backend.embedWorkspace();
      if (workspace === this.workspace) this.lastReport = report;
      this.failure = null;
      if (report.embedded > 0 || report.removed > 0) this.generation += 1;
    } catch (error) {
      if (isCode(error, 'embedding_busy')) {
        await this.waitForOtherRun(workspace);
        this.generation += 1;
      } else if (error instanceof backend.BackendError && MODEL_CODES.has(error.code)) {
        // Not an error banner: `unavailable` shows the model's message instead.
        this.failure = error.message;
      } else if (!isCode(error, 'no_workspace')) {
        // A workspace closed meanwhile ends the run quietly; anything else is shown.
        reportError(error);
      }
    }
  }

  /** A run started elsewhere (another window, a reload): follow it until it ends. */
  private async waitForOtherRun(workspace: string): Promise<void> {
    this.following = true;
    try {
      while (workspace === this.workspace) {
        await sleep(POLL_MS);
        const status = await this.refreshStatus();
        if (!status || !status.running) return;
      }
    } finally {
      this.following = false;
    }
  }

  /** Stops the run after its current batch; what is done is kept. */
  async cancel(): Promise<void> {
    if (!this.running || this.cancelling) return;
    this.cancelling = true;
    this.again = false;
    try {
      await backend.cancelEmbedding();
    } catch (error) {
      this.cancelling = false;
      reportError(error);
    }
  }
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof backend.BackendError && error.code === code;
}

export const embedding = new Embedding();
