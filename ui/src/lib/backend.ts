// The only door from the UI to the Rust side. Every Tauri command has one
// typed function here; components never import `@tauri-apps/*` themselves.
//
// A command that fails on the Rust side rejects with an `ApiError`
// (`{ code, message, details }`); each function turns that into a thrown
// `BackendError` so callers can rely on `instanceof` and typed fields.

import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import type {
  ApiError,
  AppInfo,
  AskRequest,
  AssistantAnswer,
  AssistantEvaluation,
  AssistantSettings,
  CustomerRecommendations,
  CustomerSummary,
  EmbedProgress,
  EmbedReport,
  EmbeddingStatus,
  ErasureReport,
  ErasureRequest,
  ExperimentChart,
  ExperimentItem,
  ExperimentReport,
  ExperimentSettings,
  FilePreview,
  ImportedFile,
  ImportedLabel,
  ImportProgress,
  ImportRequest,
  IntentDef,
  KpiReport,
  LabelChoice,
  MappingField,
  ModelInfo,
  Overview,
  OverviewRequest,
  PersonalDataReport,
  PlanInput,
  PlanReport,
  PreferenceQuiz,
  PrivacySettings,
  ProductRecommendations,
  QuizPicks,
  RecommendEvalReport,
  RecommendEvalRequest,
  RecommendSettings,
  RejectedRow,
  SearchRequest,
  SearchResponse,
  SearchSettings,
  WorkspaceExport,
  WorkspaceInfo,
} from './bindings';
import type { Command } from './commands';

/** An error reported by the Rust side (or by this module when it cannot reach it). */
export class BackendError extends Error {
  readonly code: string;
  readonly details: unknown;

  constructor(code: string, message: string, details: unknown = null) {
    super(message);
    this.name = 'BackendError';
    this.code = code;
    this.details = details;
  }

  /** The error in the shape the Rust side sends. */
  toApiError(): ApiError {
    return { code: this.code, message: this.message, details: this.details ?? null };
  }
}

/** True when the page runs inside the Tauri shell, where `invoke` works. */
export function hasBackend(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** Turns whatever a rejected `invoke` produced into a `BackendError`. */
export function toBackendError(command: string, reason: unknown): BackendError {
  if (reason instanceof BackendError) return reason;
  if (isApiError(reason)) {
    return new BackendError(reason.code, reason.message, reason.details ?? null);
  }
  if (typeof reason === 'string') {
    // Tauri itself rejects with a plain string, e.g. for an unknown command
    // or arguments that do not deserialize.
    return new BackendError('ipc_error', reason, { command });
  }
  if (reason instanceof Error) {
    return new BackendError('ipc_error', reason.message, { command });
  }
  return new BackendError('unknown', `The command "${command}" failed.`, {
    command,
    reason: reason ?? null,
  });
}

async function call<T>(command: Command, args?: Record<string, unknown>): Promise<T> {
  if (!hasBackend()) {
    throw new BackendError(
      'no_backend',
      'The Merchant Insights engine is not available: this page is open in a web ' +
        'browser, outside the desktop app, so it has no data to show.',
      { command },
    );
  }
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toBackendError(command, reason);
  }
}

// ---------------------------------------------------------------- commands

/** Version and folders of the app. */
export function appInfo(): Promise<AppInfo> {
  return call<AppInfo>('app_info');
}

/** Recently used workspaces, most recent first. */
export function listWorkspaces(): Promise<WorkspaceInfo[]> {
  return call<WorkspaceInfo[]>('list_workspaces');
}

/** The workspace that is open, or null when none is. */
export function currentWorkspace(): Promise<WorkspaceInfo | null> {
  return call<WorkspaceInfo | null>('current_workspace');
}

/** Creates a workspace and opens it. `path` null puts it in the default folder. */
export function createWorkspace(name: string, path: string | null): Promise<WorkspaceInfo> {
  return call<WorkspaceInfo>('create_workspace', { name, path });
}

/** Opens an existing workspace file. */
export function openWorkspace(path: string): Promise<WorkspaceInfo> {
  return call<WorkspaceInfo>('open_workspace', { path });
}

/** Gives a workspace a new display name. */
export function renameWorkspace(path: string, newName: string): Promise<WorkspaceInfo> {
  return call<WorkspaceInfo>('rename_workspace', { path, newName });
}

/** Deletes a workspace file from disk. Ask the person first. */
export async function deleteWorkspace(path: string): Promise<void> {
  await call<null>('delete_workspace', { path });
}

/** Key figures of the open workspace over a period. */
export function overview(request: OverviewRequest): Promise<Overview> {
  return call<Overview>('overview', { request });
}

/**
 * What importing these files or folders would find: folders are expanded into
 * their table files; each entry says its format, first rows, or why it cannot
 * be imported (`error`).
 */
export function previewImport(paths: string[]): Promise<FilePreview[]> {
  return call<FilePreview[]>('preview_import', { paths });
}

/**
 * Imports the files in one transaction (all or nothing). Progress arrives
 * through `onImportProgress` while it runs.
 */
export function importFiles(request: ImportRequest): Promise<ImportedFile[]> {
  return call<ImportedFile[]>('import_files', { request });
}

/**
 * The fields a column mapping can fill, in the order to ask them, for files
 * that are not a known export (their preview fails with `needs_mapping`).
 */
export function mappingFields(): Promise<MappingField[]> {
  return call<MappingField[]>('mapping_fields');
}

/** Asks the running import to stop; it then fails with code `cancelled`. */
export async function cancelImport(): Promise<void> {
  await call<null>('cancel_import');
}

/** Past imports of the open workspace, most recent first. */
export function importHistory(): Promise<ImportedFile[]> {
  return call<ImportedFile[]>('import_history');
}

/** The rows an import set aside, with line, column and reason. */
export function importRejects(importId: string): Promise<RejectedRow[]> {
  return call<RejectedRow[]>('import_rejects', { importId });
}

/** How the open workspace stores customers' personal data. */
export function privacySettings(): Promise<PrivacySettings> {
  return call<PrivacySettings>('privacy_settings');
}

/** Changes it; applies to what is imported from now on. */
export function setPrivacySettings(settings: PrivacySettings): Promise<PrivacySettings> {
  return call<PrivacySettings>('set_privacy_settings', { settings });
}

/** What personal data the open workspace holds, per table and column, hashed or in plain text. */
export function personalDataReport(): Promise<PersonalDataReport> {
  return call<PersonalDataReport>('personal_data_report');
}

/**
 * Writes every table of the open workspace as one Parquet file into a new
 * folder in the app's reports folder (personal data stays hashed). Takes a
 * few seconds on a large workspace.
 */
export function exportWorkspace(): Promise<WorkspaceExport> {
  return call<WorkspaceExport>('export_workspace');
}

/**
 * Deletes one customer's rows from every table (right to erasure); with
 * `dry_run` it only counts them. Rejects with `customer_not_found` when no
 * customer matches.
 */
export function eraseCustomer(request: ErasureRequest): Promise<ErasureReport> {
  return call<ErasureReport>('erase_customer', { request });
}

/** Whether the embedding model is installed and intact (and how to get it when not). */
export function modelStatus(): Promise<ModelInfo> {
  return call<ModelInfo>('model_status');
}

/** The model, and how many products, passages and messages have a current vector. */
export function embeddingStatus(): Promise<EmbeddingStatus> {
  return call<EmbeddingStatus>('embedding_status');
}

/**
 * Embeds what has no current vector yet. Long-running: progress arrives
 * through `onEmbedProgress`. Rejects with `embedding_busy` when a run is
 * already going, and with `models_missing`, `models_corrupt` or
 * `embedding_runtime` when the model cannot be used.
 */
export function embedWorkspace(): Promise<EmbedReport> {
  return call<EmbedReport>('embed_workspace');
}

/** Stops the running embedding after its current batch (it resolves with `cancelled: true`). */
export async function cancelEmbedding(): Promise<void> {
  await call<null>('cancel_embedding');
}

/** Product search with the workspace's rules. */
export function search(request: SearchRequest): Promise<SearchResponse> {
  return call<SearchResponse>('search', { request });
}

/** The workspace's search rules. */
export function searchSettings(): Promise<SearchSettings> {
  return call<SearchSettings>('search_settings');
}

/** Saves the search rules (`invalid_settings` on values out of range); returns them as stored. */
export function setSearchSettings(settings: SearchSettings): Promise<SearchSettings> {
  return call<SearchSettings>('set_search_settings', { settings });
}

/**
 * Similar items and what is bought with one product, under the workspace's
 * rules (`product_not_found` when the catalog has no such product).
 */
export function recommendForProduct(productId: string): Promise<ProductRecommendations> {
  return call<ProductRecommendations>('recommend_for_product', { productId });
}

/**
 * Personal picks for one customer, with their purchases; popular and
 * trending items when they have none (`customer_not_found` for an unknown id).
 */
export function recommendForCustomer(customerId: string): Promise<CustomerRecommendations> {
  return call<CustomerRecommendations>('recommend_for_customer', { customerId });
}

/**
 * Picks for a customer without purchases, seeded by their preference quiz:
 * within the chosen categories and price band and under the merchant's
 * rules, closest in meaning to the style words first (embedded by the local
 * model; `models_missing` when it is not installed), or most popular first
 * without words.
 */
export function recommendForPreferences(quiz: PreferenceQuiz): Promise<QuizPicks> {
  return call<QuizPicks>('recommend_for_preferences', { quiz });
}

/** Customers to pick from, most orders first; `query` keeps ids starting with it ("" gives the top 50). */
export function recommendCustomers(query: string): Promise<CustomerSummary[]> {
  return call<CustomerSummary[]>('recommend_customers', { query });
}

/** The workspace's recommendation rules. */
export function recommendSettings(): Promise<RecommendSettings> {
  return call<RecommendSettings>('recommend_settings');
}

/** Saves the recommendation rules (`invalid_settings` on values out of range); returns them as stored. */
export function setRecommendSettings(settings: RecommendSettings): Promise<RecommendSettings> {
  return call<RecommendSettings>('set_recommend_settings', { settings });
}

/**
 * Offline evaluation of personal picks against best sellers on a time-based
 * split of the workspace's orders, with its chart (`invalid_settings` for a
 * date it cannot read, a window that ends before it starts, or no orders).
 * Can take 10–30 s on a big store.
 */
export function recommendEvaluate(request: RecommendEvalRequest): Promise<RecommendEvalReport> {
  return call<RecommendEvalReport>('recommend_evaluate', { request });
}

/** Rates, cohorts, RFM segments and support figures below the Overview's headline figures. */
export function kpis(request: OverviewRequest): Promise<KpiReport> {
  return call<KpiReport>('kpis', { request });
}

/** Every experiment with its verdict, oldest first. */
export function experiments(): Promise<ExperimentItem[]> {
  return call<ExperimentItem[]>('experiments');
}

/** One experiment in full; `settings` tries other settings without saving them. */
export function experiment(id: string, settings: ExperimentSettings | null = null): Promise<ExperimentReport> {
  return call<ExperimentReport>('experiment', { id, settings });
}

/** The workspace's experiment settings (engine, correction, sequential, ...). */
export function experimentSettings(): Promise<ExperimentSettings> {
  return call<ExperimentSettings>('experiment_settings');
}

/** Saves the experiment settings (`invalid_settings` on values out of range). */
export function setExperimentSettings(settings: ExperimentSettings): Promise<ExperimentSettings> {
  return call<ExperimentSettings>('set_experiment_settings', { settings });
}

/** Writes one chart of an experiment into the app's reports folder; returns the file written. */
export function exportExperimentChart(id: string, chart: ExperimentChart, format: 'png' | 'svg'): Promise<string> {
  return call<string>('export_experiment_chart', { id, chart, format });
}

/** Sample size, duration and power curve for a planned test. */
export function planExperiment(input: PlanInput): Promise<PlanReport> {
  return call<PlanReport>('plan_experiment', { input });
}

/**
 * What the support assistant would answer one customer message: intent,
 * confidence, reply, sources and any hand-over to a person. Rejects with
 * `empty_message`, and with `models_missing` when the embedding model is not
 * installed.
 */
export function assistantAsk(request: AskRequest): Promise<AssistantAnswer> {
  return call<AssistantAnswer>('assistant_ask', { request });
}

/**
 * Runs every imported support conversation through the assistant
 * (containment, intent accuracy, confusion, hand-overs, threshold sweep).
 * Takes several seconds.
 */
export function assistantEvaluate(): Promise<AssistantEvaluation> {
  return call<AssistantEvaluation>('assistant_evaluate');
}

/** Runs the evaluation and writes it as CSV into the app's reports folder; returns the file written. */
export function exportAssistantEvaluation(): Promise<string> {
  return call<string>('export_assistant_evaluation');
}

/** The workspace's assistant settings (thresholds, e-mail check). */
export function assistantSettings(): Promise<AssistantSettings> {
  return call<AssistantSettings>('assistant_settings');
}

/** Saves the assistant settings (`invalid_settings` when a threshold is outside 0–1). */
export function setAssistantSettings(settings: AssistantSettings): Promise<AssistantSettings> {
  return call<AssistantSettings>('set_assistant_settings', { settings });
}

/** The intents the assistant recognises, with their example phrases. */
export function assistantIntents(): Promise<IntentDef[]> {
  return call<IntentDef[]>('assistant_intents');
}

/** Saves the intents (`invalid_settings` when one has no example phrase); returns them as stored. */
export function setAssistantIntents(intents: IntentDef[]): Promise<IntentDef[]> {
  return call<IntentDef[]>('set_assistant_intents', { intents });
}

/** The intent labels imported with support conversations and what each teaches, most used first. */
export function assistantLabels(): Promise<ImportedLabel[]> {
  return call<ImportedLabel[]>('assistant_labels');
}

/** Maps a label to an intent, keeps it as its own intent or sets it aside; returns the labels as they now stand. */
export function setAssistantLabel(label: string, choice: LabelChoice): Promise<ImportedLabel[]> {
  return call<ImportedLabel[]>('set_assistant_label', { label, choice });
}

// ------------------------------------------------------------------ events
// Listeners do nothing outside the desktop app (there is nothing to hear);
// each returns the function that stops listening.

type Unlisten = () => void;

const noop: Unlisten = () => {};

async function subscribe(what: string, start: () => Promise<Unlisten>): Promise<Unlisten> {
  if (!hasBackend()) return noop;
  try {
    return await start();
  } catch (reason) {
    throw toBackendError(what, reason);
  }
}

/** Calls `callback` with each `import-progress` event of a running import. */
export function onImportProgress(callback: (progress: ImportProgress) => void): Promise<Unlisten> {
  return subscribe('listen:import-progress', () =>
    listen<ImportProgress>('import-progress', (event) => callback(event.payload)),
  );
}

/** Calls `callback` after each batch of a running embedding (`embed-progress`). */
export function onEmbedProgress(callback: (progress: EmbedProgress) => void): Promise<Unlisten> {
  return subscribe('listen:embed-progress', () =>
    listen<EmbedProgress>('embed-progress', (event) => callback(event.payload)),
  );
}

/**
 * Calls `onDrop` with the paths of files or folders dropped on the window,
 * and `onHover` with true while something is dragged over it (false once it
 * leaves or is dropped).
 */
export function onFileDrop(
  onDrop: (paths: string[]) => void,
  onHover: (hovering: boolean) => void = () => {},
): Promise<Unlisten> {
  return subscribe('listen:drag-drop', () =>
    getCurrentWebview().onDragDropEvent((event) => {
      const payload = event.payload;
      if (payload.type === 'drop') {
        onHover(false);
        if (payload.paths.length > 0) onDrop(payload.paths);
      } else if (payload.type === 'leave') {
        onHover(false);
      } else {
        onHover(true);
      }
    }),
  );
}
