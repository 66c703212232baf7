// State of the Import screen, kept here rather than in the component so an
// import keeps running (and its progress stays visible) while the person
// looks at other screens. Every call goes through backend.ts.

import * as backend from './backend';
import type {
  ApiError,
  FilePreview,
  ImportedFile,
  ImportProgress,
  ImportRequest,
  MappingField,
  RejectedRow,
} from './bindings';
import { embedding } from './embedding.svelte';
import { reportError } from './errors.svelte';
import { session } from './session.svelte';
import {
  cleanMapping,
  describeImportFailure,
  distinctMappings,
  importable,
  mappingNeed,
  mergePreviews,
  needsCurrency,
  withMappings,
  type ColumnMapping,
  type ImportFailure,
} from './imports';

export interface RejectsView {
  status: 'loading' | 'ready' | 'failed';
  rows: RejectedRow[];
}

function asApiError(error: unknown): ApiError {
  if (error instanceof backend.BackendError) return error.toApiError();
  return {
    code: 'unexpected',
    message: error instanceof Error ? error.message : String(error),
    details: null,
  };
}

class Importer {
  previews: FilePreview[] = $state([]);
  /** True while previews of newly added paths are being read. */
  adding = $state(false);
  /** Why the last paths could not be added (also in the error banner). */
  addFailure: string | null = $state(null);

  /** Confirmed column mappings by file path (files whose preview is `needs_mapping`). */
  mappings: Record<string, ColumnMapping> = $state({});
  /** The fields a mapping can fill (read once, when a file first needs one). */
  mappingFields: MappingField[] = $state([]);
  mappingFieldsStatus: 'idle' | 'loading' | 'ready' | 'failed' = $state('idle');

  strict = $state(false);
  currency = $state('');
  /** Personal data stored as keyed hashes (the workspace's setting; null until read). */
  hashPersonalData: boolean | null = $state(null);

  running = $state(false);
  cancelling = $state(false);
  progress: ImportProgress | null = $state(null);
  result: ImportedFile[] | null = $state(null);
  failure: ImportFailure | null = $state(null);

  history: ImportedFile[] = $state([]);
  historyStatus: 'idle' | 'loading' | 'ready' | 'failed' = $state('idle');
  /** Rejected rows by import id, once asked for. */
  rejects: Record<string, RejectsView> = $state({});
  /** The history entry whose rejected rows are shown. */
  expanded: string | null = $state(null);

  /** The last import's request, so files skipped as unchanged can be read again. */
  private lastRequest: ImportRequest | null = null;

  /** Goes up after every successful import, so figures elsewhere reload. */
  generation = $state(0);

  private workspace: string | null = null;
  private historyRequest = 0;

  /** Called with the open workspace's path; resets what belongs to another one. */
  useWorkspace(path: string | null): void {
    if (path === this.workspace) return;
    this.workspace = path;
    this.history = [];
    this.rejects = {};
    this.expanded = null;
    this.historyStatus = 'idle';
    if (!this.running) {
      this.result = null;
      this.failure = null;
    }
    this.hashPersonalData = null;
    if (path) {
      void this.loadHistory();
      void this.loadPrivacy();
    }
  }

  async loadPrivacy(): Promise<void> {
    try {
      this.hashPersonalData = (await backend.privacySettings()).hash_personal_data;
    } catch {
      this.hashPersonalData = null; // the option is hidden; imports keep the workspace's setting
    }
  }

  async setHashPersonalData(on: boolean): Promise<void> {
    try {
      this.hashPersonalData = (await backend.setPrivacySettings({ hash_personal_data: on })).hash_personal_data;
    } catch (error) {
      this.hashPersonalData = !on;
      throw error;
    }
  }

  async add(paths: string[]): Promise<boolean> {
    if (paths.length === 0 || this.running) return false;
    this.adding = true;
    this.addFailure = null;
    try {
      const found = await backend.previewImport(paths);
      this.previews = mergePreviews(this.previews, found);
      // A file read again starts over: its columns may have changed.
      this.forgetMappings(found.map((p) => p.path));
      if (found.some((p) => mappingNeed(p) !== null)) void this.loadMappingFields();
      if (found.length === 0) {
        this.addFailure = 'No CSV or TSV files were found there.';
      }
      return true;
    } catch (error) {
      reportError(error);
      this.addFailure = asApiError(error).message;
      return false;
    } finally {
      this.adding = false;
    }
  }

  remove(path: string): void {
    this.previews = this.previews.filter((p) => p.path !== path);
    this.forgetMappings([path]);
  }

  clear(): void {
    this.previews = [];
    this.mappings = {};
    this.addFailure = null;
  }

  async loadMappingFields(): Promise<void> {
    if (this.mappingFieldsStatus === 'ready' || this.mappingFieldsStatus === 'loading') return;
    this.mappingFieldsStatus = 'loading';
    try {
      this.mappingFields = await backend.mappingFields();
      this.mappingFieldsStatus = 'ready';
    } catch (error) {
      this.mappingFieldsStatus = 'failed';
      reportError(error);
    }
  }

  /** Keeps `mapping` for the file; it is then imported as mapped transaction lines. */
  confirmMapping(path: string, mapping: ColumnMapping): void {
    this.mappings[path] = cleanMapping(mapping, this.mappingFields);
  }

  /** Takes the file's mapping back for editing (the file is skipped until confirmed again). */
  editMapping(path: string): void {
    this.forgetMappings([path]);
  }

  private forgetMappings(paths: string[]): void {
    if (!paths.some((p) => p in this.mappings)) return;
    const kept = { ...this.mappings };
    for (const path of paths) delete kept[path];
    this.mappings = kept;
  }

  /** The previews as they will be imported (confirmed mappings applied). */
  get effectivePreviews(): FilePreview[] {
    return withMappings(this.previews, this.mappings);
  }

  /** True when confirmed mappings differ: one import takes one mapping. */
  get mappingConflict(): boolean {
    return distinctMappings(this.mappings).length > 1;
  }

  async start(): Promise<void> {
    const previews = this.effectivePreviews;
    const files = importable(previews);
    if (files.length === 0 || this.running || this.mappingConflict) return;
    const currency = this.currency.trim().toUpperCase();
    await this.run({
      paths: files.map((f) => f.path),
      strict: this.strict,
      currency: needsCurrency(previews) && currency !== '' ? currency : null,
      // Applied to the files that need a mapping; null uses one saved earlier.
      mapping: distinctMappings(this.mappings)[0] ?? null,
      force: false,
    });
  }

  /** Reads again the files of the last import that were skipped as unchanged. */
  async importAgain(): Promise<void> {
    const last = this.lastRequest;
    const skipped = (this.result ?? []).some((f) => f.unchanged_since !== null);
    if (this.running || last === null || !skipped) return;
    await this.run({ ...last, force: true });
  }

  private async run(request: ImportRequest): Promise<void> {
    this.running = true;
    this.cancelling = false;
    this.failure = null;
    this.result = null;
    const first = request.paths[0]?.split(/[\\/]/).pop() ?? '';
    this.progress = { file_name: first, step: 'reading', done: 0, total: request.paths.length };

    let stop: () => void = () => {};
    try {
      stop = await backend.onImportProgress((progress) => {
        if (this.running) this.progress = progress;
      });
    } catch (error) {
      // The import still runs; only its progress will not show.
      reportError(error);
    }

    try {
      const imported = await backend.importFiles(request);
      this.result = imported;
      this.lastRequest = request;
      this.previews = [];
      this.mappings = {};
      this.addFailure = null;
      if (imported.some((f) => f.unchanged_since === null && f.not_imported === null)) {
        this.generation += 1;
        // The workspace's size, and its currency once it has orders.
        void session.refresh();
        // New or changed products, passages and messages get their vectors in the background.
        void embedding.start();
      }
    } catch (error) {
      reportError(error);
      this.failure = describeImportFailure(asApiError(error));
    } finally {
      stop();
      this.running = false;
      this.cancelling = false;
      this.progress = null;
    }
    await this.loadHistory();
  }

  async cancel(): Promise<void> {
    if (!this.running || this.cancelling) return;
    this.cancelling = true;
    try {
      await backend.cancelImport();
    } catch (error) {
      this.cancelling = false;
      reportError(error);
    }
  }

  dismissOutcome(): void {
    this.failure = null;
    this.result = null;
  }

  async loadHistory(): Promise<void> {
    const id = ++this.historyRequest;
    this.historyStatus = 'loading';
    try {
      const history = await backend.importHistory();
      if (id !== this.historyRequest) return;
      this.history = history;
      this.historyStatus = 'ready';
    } catch (error) {
      if (id !== this.historyRequest) return;
      this.historyStatus = 'failed';
      reportError(error);
    }
  }

  /** Shows (loading them the first time) or hides the rows an import set aside. */
  async toggleRejects(importId: string): Promise<void> {
    if (this.expanded === importId) {
      this.expanded = null;
      return;
    }
    this.expanded = importId;
    const known = this.rejects[importId];
    if (known && known.status !== 'failed') return;
    this.rejects[importId] = { status: 'loading', rows: [] };
    try {
      const rows = await backend.importRejects(importId);
      this.rejects[importId] = { status: 'ready', rows };
    } catch (error) {
      this.rejects[importId] = { status: 'failed', rows: [] };
      reportError(error);
    }
  }
}

export const importer = new Importer();
