// A settings form's draft: the stored settings, the edited copy, its errors,
// saving and undo. The conversions between settings and draft (and the
// checks) are the caller's pure functions; this owns only the flow.

import { reportError } from './errors.svelte';

/** `E` is a record of messages by field; `{}` means no errors. */
export interface DraftOptions<S, D, E extends object> {
  /** The form's fields for stored settings. */
  toDraft: (settings: S) => D;
  /** The settings a draft asks for, or why not (`settings: null`). */
  fromDraft: (draft: D, settings: S) => { settings: S | null; errors: E };
  /** Stores settings and returns them as stored. */
  store: (settings: S) => Promise<S>;
  /** Whether a draft differs from the settings; by default, field by field. */
  changed?: (draft: D, settings: S) => boolean;
}

export class SettingsDraft<S, D, E extends object> {
  settings = $state<S | null>(null);
  draft = $state<D | null>(null);
  errors = $state<E>({} as E);
  saving = $state(false);
  /** Shown after a save until the draft is edited again. */
  savedNote = $state(false);
  dirty = $derived.by(() => this.settings !== null && this.draft !== null && this.#changed(this.draft, this.settings));
  #options: DraftOptions<S, D, E>;

  constructor(options: DraftOptions<S, D, E>) {
    this.#options = options;
  }

  #changed(draft: D, settings: S): boolean {
    if (this.#options.changed) return this.#options.changed(draft, settings);
    return JSON.stringify(draft) !== JSON.stringify(this.#options.toDraft(settings));
  }

  /**
   * Takes settings read from the engine; `keepEdits` leaves a draft as it is
   * when it differs from them.
   */
  load(settings: S, keepEdits = false): void {
    this.settings = settings;
    if (keepEdits && this.dirty) return;
    this.draft = this.#options.toDraft(settings);
    this.errors = {} as E;
  }

  /** The draft as the settings stored now (the "Undo changes" button). */
  undo(): void {
    if (this.settings === null) return;
    this.draft = this.#options.toDraft(this.settings);
    this.errors = {} as E;
    this.savedNote = false;
  }

  /** Puts other settings in the draft without storing them (e.g. the defaults). */
  fill(settings: S): void {
    this.draft = this.#options.toDraft(settings);
    this.errors = {} as E;
    this.savedNote = false;
  }

  /**
   * Checks and stores the draft. `starting` runs once the draft is valid,
   * just before it is sent. True when stored; a failure is reported.
   */
  async save(starting?: () => void): Promise<boolean> {
    if (this.draft === null || this.settings === null || this.saving) return false;
    const { settings: next, errors } = this.#options.fromDraft(this.draft, this.settings);
    this.errors = errors;
    if (next === null) return false;
    this.saving = true;
    this.savedNote = false;
    starting?.();
    try {
      const stored = await this.#options.store(next);
      this.settings = stored;
      this.draft = this.#options.toDraft(stored);
      this.savedNote = true;
      return true;
    } catch (error) {
      reportError(error);
      return false;
    } finally {
      this.saving = false;
    }
  }
}
