// What the Assistant screen keeps while its tabs come and go: the question
// tried and its answer, the evaluation run, the settings and intents being
// edited, and whether the embedding model can be used. Made once by
// `AssistantScreen` (while it is set up: the request counters end with it);
// the tabs show and change it.

import * as backend from '../../lib/backend';
import type { AssistantAnswer, AssistantEvaluation, AssistantSettings, Citation, IntentDef } from '../../lib/bindings';
import {
  buildAskRequest,
  canAsk,
  intentDrafts,
  intentErrors,
  intentsChanged,
  intentsFromDrafts,
  isModelProblem,
  parseExamples,
  settingsDraft,
  settingsFromDraft,
  type IntentDraft,
  type PassagesRead,
  type SettingsDraft as SettingsFields,
  type SettingsErrors,
} from '../../lib/assistant';
import { SettingsDraft } from '../../lib/draft.svelte';
import { elapsedTimer } from '../../lib/elapsed.svelte';
import { embedding } from '../../lib/embedding.svelte';
import { reportError } from '../../lib/errors.svelte';
import { latest } from '../../lib/latest.svelte';

type Status = 'idle' | 'loading' | 'ready' | 'failed';

/** Why the embedding model cannot be used, from the last call that needed it. */
export class ModelProblem {
  problem = $state<{ code: string; message: string } | null>(null);

  /** A missing model is a calm notice on this screen; anything else goes to the banner. */
  failed(error: unknown): void {
    if (error instanceof backend.BackendError && isModelProblem(error.code)) {
      this.problem = { code: error.code, message: error.message };
    } else {
      reportError(error);
    }
  }

  clear(): void {
    this.problem = null;
  }
}

/** The policy passages that can be quoted now (null before the status is read). */
export function passagesRead(): PassagesRead | null {
  const c = embedding.coverage.find((k) => k.kind === 'kb_chunk');
  return c ? { embedded: c.embedded, total: c.total } : null;
}

/** The "Try a question" tab: the question typed and the answer shown. */
export class Question {
  message = $state('');
  email = $state('');
  asking = $state(false);
  /** The question the shown answer replies to. */
  asked = $state<string | null>(null);
  answer = $state<AssistantAnswer | null>(null);
  /** The citation opened in the source panel. */
  source = $state<Citation | null>(null);
  /** Policy passages the shown answer could quote (they are embedded in the background). */
  readWhenAsked = $state<PassagesRead | null>(null);
  #requests = latest();
  #model: ModelProblem;

  constructor(model: ModelProblem) {
    this.#model = model;
  }

  async ask(requireEmail: boolean): Promise<void> {
    if (!canAsk(this.message, this.asking)) return;
    const request = buildAskRequest(this.message, this.email, requireEmail);
    const read = passagesRead();
    await this.#requests.run(() => backend.assistantAsk(request), {
      busy: (on) => (this.asking = on),
      done: (result) => {
        this.answer = result;
        this.readWhenAsked = read;
        this.asked = request.message;
        this.source = null;
        this.#model.clear();
      },
      failed: (error) => {
        this.answer = null;
        this.asked = null;
        this.source = null;
        this.#model.failed(error);
      },
    });
  }

  /** Opens a citation's source, or closes it when it is the one open. */
  toggleSource(citation: Citation): void {
    const open = this.source;
    this.source = open?.id === citation.id && open.kind === citation.kind ? null : citation;
  }
}

/** The "Evaluate on past conversations" tab: the last run and its export. */
export class EvaluationRun {
  evaluation = $state<AssistantEvaluation | null>(null);
  running = $state(false);
  exporting = $state(false);
  /** Settings, intents or data changed since the evaluation shown ran. */
  stale = $state(false);
  exportNote = $state<string | null>(null);
  /** The threshold read on the sweep (null: the saved one). */
  readThreshold = $state<number | null>(null);
  readonly elapsed = elapsedTimer();
  #requests = latest();
  #model: ModelProblem;

  constructor(model: ModelProblem) {
    this.#model = model;
  }

  async run(): Promise<void> {
    if (this.running) return;
    this.exportNote = null;
    await this.#requests.run(() => backend.assistantEvaluate(), {
      busy: (on) => {
        this.running = on;
        this.elapsed.track(on);
      },
      done: (result) => {
        this.evaluation = result;
        this.stale = false;
        this.readThreshold = null;
        this.#model.clear();
      },
      failed: (error) => this.#model.failed(error),
    });
  }

  async exportCsv(): Promise<void> {
    if (this.exporting) return;
    this.exporting = true;
    this.exportNote = null;
    try {
      const written = await backend.exportAssistantEvaluation();
      this.exportNote = `Saved ${written}`;
    } catch (error) {
      this.#model.failed(error);
    } finally {
      this.exporting = false;
    }
  }

  /** Something the evaluation shown depends on changed. */
  markStale(): void {
    if (this.evaluation) this.stale = true;
  }
}

/** Reads settings into a draft, saying how far it got. */
async function loadDraft<S>(draft: { load(settings: S): void }, read: () => Promise<S>, status: (status: Status) => void) {
  status('loading');
  try {
    draft.load(await read());
    status('ready');
  } catch (error) {
    status('failed');
    reportError(error);
  }
}

/** The assistant's settings and intents, each a form with save and undo. */
export class AssistantConfig {
  settings = new SettingsDraft<AssistantSettings, SettingsFields, SettingsErrors>({
    toDraft: settingsDraft,
    fromDraft: (draft) => settingsFromDraft(draft),
    store: backend.setAssistantSettings,
  });
  settingsStatus = $state<Status>('idle');
  intents = new SettingsDraft<IntentDef[], IntentDraft[], Record<string, string>>({
    toDraft: intentDrafts,
    fromDraft: (drafts) => ({ settings: intentsFromDrafts(drafts), errors: intentErrors(drafts) }),
    store: backend.setAssistantIntents,
    changed: intentsChanged,
  });
  intentsStatus = $state<Status>('idle');

  loadSettings(): Promise<void> {
    return loadDraft(this.settings, backend.assistantSettings, (status) => (this.settingsStatus = status));
  }

  loadIntents(): Promise<void> {
    return loadDraft(this.intents, backend.assistantIntents, (status) => (this.intentsStatus = status));
  }

  /** Lists intents made from labels, keeping unsaved edits of the others. */
  async addNewIntents(): Promise<void> {
    try {
      const loaded = await backend.assistantIntents();
      const { settings: saved, draft } = this.intents;
      if (!saved || !draft) return;
      const known = new Set(saved.map((i) => i.id));
      const added = loaded.filter((i) => !known.has(i.id));
      this.intents.settings = [...saved, ...added];
      this.intents.draft = [...draft, ...intentDrafts(added)];
    } catch (error) {
      reportError(error);
    }
  }

  /** New example phrases for one intent; its message goes once it has a phrase. */
  editExamples(index: number, text: string): void {
    const draft = this.intents.draft;
    if (!draft) return;
    draft[index].examples = text;
    this.intents.savedNote = false;
    const id = draft[index].id;
    const errors = this.intents.errors;
    if (errors[id] && parseExamples(text).length > 0) {
      const rest = { ...errors };
      delete rest[id];
      this.intents.errors = rest;
    }
  }
}
