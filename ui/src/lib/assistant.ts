// Wording and numbers of the Assistant screen (the support chatbot's
// preview), kept out of the component so they can be tested on their own:
// hand-over reasons in plain words, the request sent for a question, the
// threshold sweep, the confusion summary, the settings and intents forms,
// and the imported labels' choices. No Svelte and no backend here (tested in assistant.test.ts).

import type {
  AskRequest,
  AssistantSettings,
  ConfusionCell,
  EscalationReason,
  EvaluatedMessage,
  ImportedLabel,
  IntentDef,
  LabelChoice,
  ReasonCount,
  SourceKind,
  SweepPoint,
} from './bindings';
import { formatCount, shortPercent } from './format';
import { parseNumber } from './search';

/** Questions a customer might ask, offered as one-click examples. */
export const EXAMPLE_QUESTIONS: readonly string[] = [
  'Where is my order #1042?',
  'Can I return sale items?',
  'Does the Granite Approach Shoe run small?',
  'How much will I get back as a refund?',
];

/** Why the assistant handed a conversation over to a person, in plain words. */
export const REASON_LABELS: Record<EscalationReason, string> = {
  low_confidence: 'Not sure of the intent',
  ambiguous: 'Two intents too close',
  asked_for_human: 'Asked for a person',
  refund_amount: 'Refund amount',
  shipped_cancellation: 'Cancelling a shipped order',
  legal: 'Legal words',
  safety: 'Health or safety',
  sensitive_intent: 'Always handed over',
  no_source: 'No source answers it',
};

/** The reason in plain words; an unknown code (a newer engine) is shown as it is. */
export function reasonLabel(reason: string): string {
  return (REASON_LABELS as Record<string, string>)[reason] ?? reason;
}

export const SOURCE_LABELS: Record<SourceKind, string> = {
  policy: 'Policy',
  product: 'Product',
  order: 'Order',
};

/** Engine error codes meaning the embedding model cannot be used. */
const MODEL_CODES = new Set(['models_missing', 'models_corrupt', 'embedding_runtime']);

/** True for an error code that means the embedding model is missing or unusable. */
export function isModelProblem(code: string): boolean {
  return MODEL_CODES.has(code);
}

// ------------------------------------------------------------------ numbers

/** A threshold, margin or score between 0 and 1 with two decimals: `0.30`. */
export function formatScore(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : '—';
}

/** Width of a confidence bar, as a CSS percentage clamped to 0–100. */
export function barWidth(confidence: number): string {
  const pct = Number.isFinite(confidence) ? Math.min(1, Math.max(0, confidence)) * 100 : 0;
  return `${Number(pct.toFixed(1))}%`;
}

/** A sentence with its first letter capitalised and a final full stop. */
export function sentence(text: string): string {
  const t = text.trim();
  if (t === '') return '';
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

// ----------------------------------------------------------------- question

/** True when the question can be sent: something typed and no question under way. */
export function canAsk(message: string, asking: boolean): boolean {
  return !asking && message.trim() !== '';
}

/**
 * The request for a question: the message trimmed, and the e-mail only when
 * the store asks for it and one was typed.
 */
export function buildAskRequest(message: string, email: string, requireEmail: boolean): AskRequest {
  const mail = email.trim();
  return { message: message.trim(), email: requireEmail && mail !== '' ? mail : null };
}

// -------------------------------------------------------------------- sweep

/** The sweep point whose threshold is closest to `threshold` (the lower one on a tie). */
export function nearestSweepPoint(sweep: readonly SweepPoint[], threshold: number): SweepPoint | null {
  let best: SweepPoint | null = null;
  for (const point of sweep) {
    if (!best) {
      best = point;
      continue;
    }
    const d = Math.abs(point.threshold - threshold);
    const bestD = Math.abs(best.threshold - threshold);
    if (d < bestD - 1e-9 || (Math.abs(d - bestD) <= 1e-9 && point.threshold < best.threshold)) best = point;
  }
  return best;
}

/** "At threshold 0.30: 72% answered, 1.2% wrong", or null without a sweep. */
export function sweepSentence(sweep: readonly SweepPoint[], threshold: number, locale?: string): string | null {
  const point = nearestSweepPoint(sweep, threshold);
  if (!point) return null;
  return (
    `At threshold ${formatScore(point.threshold)}: ${shortPercent(point.containment, locale)} answered, ` +
    `${shortPercent(point.wrong_answer_rate, locale)} wrong`
  );
}

/** The lowest and highest thresholds of a sweep (0–0.95 from the engine). */
export function sweepRange(sweep: readonly SweepPoint[]): { min: number; max: number; step: number } {
  if (sweep.length === 0) return { min: 0, max: 1, step: 0.05 };
  const ts = sweep.map((p) => p.threshold);
  // Rounded: the engine's thresholds are multiples of 0.05 with float noise.
  const min = Number(Math.min(...ts).toFixed(4));
  const max = Number(Math.max(...ts).toFixed(4));
  const step = sweep.length > 1 ? Number(((max - min) / (sweep.length - 1)).toFixed(4)) : 0.05;
  return { min, max, step: step > 0 ? step : 0.05 };
}

// ------------------------------------------------------------- evaluation

export interface ReasonRow {
  reason: EscalationReason;
  label: string;
  count: number;
  /** Share of all evaluated conversations. */
  share: number;
}

/** The hand-over reasons, most frequent first, with their share of `total` conversations. */
export function reasonRows(escalations: readonly ReasonCount[], total: number): ReasonRow[] {
  return escalations
    .filter((r) => r.count > 0)
    .map((r) => ({ reason: r.reason, label: reasonLabel(r.reason), count: r.count, share: total > 0 ? r.count / total : 0 }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

export interface IntentSummary {
  expected: string;
  /** Labelled conversations with this intent. */
  count: number;
  correct: number;
  accuracy: number;
  /** The intent most often predicted instead, or null when none was wrong. */
  topWrong: { predicted: string; count: number } | null;
}

/**
 * Per expected intent: how many conversations, how many got the right
 * intent, and the most common wrong prediction. Most conversations first.
 */
export function confusionSummary(cells: readonly ConfusionCell[]): IntentSummary[] {
  const byExpected = new Map<string, IntentSummary>();
  for (const cell of cells) {
    let row = byExpected.get(cell.expected);
    if (!row) {
      row = { expected: cell.expected, count: 0, correct: 0, accuracy: 0, topWrong: null };
      byExpected.set(cell.expected, row);
    }
    row.count += cell.count;
    if (cell.predicted === cell.expected) {
      row.correct += cell.count;
    } else if (
      cell.count > 0 &&
      (!row.topWrong ||
        cell.count > row.topWrong.count ||
        (cell.count === row.topWrong.count && cell.predicted < row.topWrong.predicted))
    ) {
      row.topWrong = { predicted: cell.predicted, count: cell.count };
    }
  }
  const rows = [...byExpected.values()];
  for (const row of rows) row.accuracy = row.count > 0 ? row.correct / row.count : 0;
  return rows.sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected));
}

export interface ConfusionMatrix {
  /** Expected intents (rows), most conversations first. */
  rows: string[];
  /** Predicted intents (columns): the rows' intents first, then any other predicted one. */
  columns: string[];
  /** counts[row][column]. */
  counts: number[][];
}

/** The full confusion matrix of labelled conversations. */
export function confusionMatrix(cells: readonly ConfusionCell[]): ConfusionMatrix {
  const rows = confusionSummary(cells).map((r) => r.expected);
  const extra = [...new Set(cells.map((c) => c.predicted).filter((p) => !rows.includes(p)))].sort();
  const columns = [...rows, ...extra];
  const counts = rows.map(() => columns.map(() => 0));
  for (const cell of cells) {
    const r = rows.indexOf(cell.expected);
    const c = columns.indexOf(cell.predicted);
    if (r >= 0 && c >= 0) counts[r][c] += cell.count;
  }
  return { rows, columns, counts };
}

/** True when a labelled message got another intent than its label. */
export function isMisclassified(m: EvaluatedMessage): boolean {
  return m.expected !== null && m.expected !== m.predicted;
}

/**
 * Messages the assistant answered with the wrong intent (not handed over),
 * most confident first since those are the most surprising; at most
 * `limit`. `total` counts them all, and `handedOver` the misclassified
 * messages a person took over instead (no customer saw a wrong answer).
 */
export function wrongAnswers(
  results: readonly EvaluatedMessage[],
  limit = 50,
): { rows: EvaluatedMessage[]; total: number; handedOver: number } {
  const wrong = results.filter((m) => isMisclassified(m) && m.escalation === null);
  const handedOver = results.filter((m) => isMisclassified(m) && m.escalation !== null).length;
  const rows = [...wrong].sort((a, b) => b.confidence - a.confidence).slice(0, Math.max(0, limit));
  return { rows, total: wrong.length, handedOver };
}

/** A function giving an intent's label from its id (the id itself when unknown). */
export function intentLabeller(intents: readonly Pick<IntentDef, 'id' | 'label'>[]): (id: string) => string {
  const labels = new Map(intents.map((i) => [i.id, i.label]));
  return (id) => labels.get(id) || id;
}

// ----------------------------------------------------------------- settings

/** The settings form, as typed (numbers stay text until saved). */
export interface SettingsDraft {
  confidence_threshold: string;
  margin_threshold: string;
  require_email: boolean;
  /** Empty: no generator (the default). */
  generator_url: string;
  generator_model: string;
}

export type SettingsErrors = Partial<Record<'confidence_threshold' | 'margin_threshold' | 'generator_url', string>>;

/** Rasa's defaults, which the engine uses too. */
export const DEFAULT_SETTINGS: AssistantSettings = {
  confidence_threshold: 0.3,
  margin_threshold: 0.1,
  require_email: false,
  generator_url: null,
  generator_model: 'llama3.2',
};

/**
 * Whether a generator address is on this computer (plain http to
 * localhost, 127.x.x.x or [::1]); the engine checks the same and refuses
 * anything else.
 */
export function isLoopbackUrl(url: string): boolean {
  const m = /^http:\/\/(\[[^\]]*\]|[^/:@]+)(:\d+)?(\/.*)?$/i.exec(url.trim());
  if (!m) return false;
  const host = m[1].toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function numberText(value: number): string {
  return String(Number(value.toFixed(6)));
}

export function settingsDraft(settings: AssistantSettings): SettingsDraft {
  return {
    confidence_threshold: numberText(settings.confidence_threshold),
    margin_threshold: numberText(settings.margin_threshold),
    require_email: settings.require_email,
    generator_url: settings.generator_url ?? '',
    generator_model: settings.generator_model,
  };
}

/** The settings the form describes, or null and a message per field out of range. */
export function settingsFromDraft(draft: SettingsDraft): { settings: AssistantSettings | null; errors: SettingsErrors } {
  const errors: SettingsErrors = {};
  const read = (key: keyof SettingsErrors, usual: number): number => {
    const n = parseNumber(draft[key]);
    if (n === null || Number.isNaN(n) || n < 0 || n > 1) {
      errors[key] = `A number from 0 to 1 (Rasa’s default is ${usual}).`;
      return Number.NaN;
    }
    return n;
  };
  const confidence = read('confidence_threshold', DEFAULT_SETTINGS.confidence_threshold);
  const margin = read('margin_threshold', DEFAULT_SETTINGS.margin_threshold);
  const url = draft.generator_url.trim();
  if (url !== '' && !isLoopbackUrl(url)) {
    errors.generator_url = 'Only a server on this computer, e.g. http://127.0.0.1:11434/v1 (Ollama).';
  }
  if (Object.keys(errors).length > 0) return { settings: null, errors };
  return {
    settings: {
      confidence_threshold: confidence,
      margin_threshold: margin,
      require_email: draft.require_email,
      generator_url: url === '' ? null : url,
      generator_model: draft.generator_model.trim() || DEFAULT_SETTINGS.generator_model,
    },
    errors,
  };
}

// ------------------------------------------------------------------ intents

/** One intent in the editor; the example phrases as typed, one per line. */
export interface IntentDraft {
  id: string;
  label: string;
  sensitive: boolean;
  examples: string;
}

/** Example phrases as the textarea shows them: one per line. */
export function examplesText(examples: readonly string[]): string {
  return examples.join('\n');
}

/**
 * The example phrases typed, one per line: trimmed, blank lines dropped, and
 * a phrase repeated (ignoring case and spacing) kept once.
 */
export function parseExamples(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const phrase = line.trim().replace(/\s+/g, ' ');
    if (phrase === '') continue;
    const key = phrase.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(phrase);
  }
  return out;
}

export function intentDrafts(intents: readonly IntentDef[]): IntentDraft[] {
  return intents.map((i) => ({ id: i.id, label: i.label, sensitive: i.sensitive, examples: examplesText(i.examples) }));
}

/** Problems per intent id; empty when every intent has at least one phrase. */
export function intentErrors(drafts: readonly IntentDraft[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const d of drafts) {
    if (parseExamples(d.examples).length === 0) {
      errors[d.id] = 'Add at least one example phrase, one per line.';
    }
  }
  return errors;
}

/** The intents the editor describes, or null when one has no phrase. */
export function intentsFromDrafts(drafts: readonly IntentDraft[]): IntentDef[] | null {
  if (Object.keys(intentErrors(drafts)).length > 0) return null;
  return drafts.map((d) => ({ id: d.id, label: d.label, sensitive: d.sensitive, examples: parseExamples(d.examples) }));
}

/** True when the editor says something else than the saved intents. */
export function intentsChanged(drafts: readonly IntentDraft[], saved: readonly IntentDef[]): boolean {
  if (drafts.length !== saved.length) return true;
  return drafts.some((d, i) => {
    const s = saved[i];
    if (d.id !== s.id || d.sensitive !== s.sensitive) return true;
    const a = parseExamples(d.examples);
    return a.length !== s.examples.length || a.some((p, j) => p !== s.examples[j]);
  });
}

/** "1 phrase", "12 phrases". */
export function phraseCount(n: number): string {
  return n === 1 ? '1 phrase' : `${n} phrases`;
}

// ------------------------------------------------------------ imported labels

/** The value of a label's "teaches" choice: `intent:<id>`, `not_used`, or '' while undecided. */
export function labelValue(label: Pick<ImportedLabel, 'used' | 'intent'>): string {
  if (label.used === 'undecided') return '';
  if (label.used === 'not_used' || label.intent === null) return 'not_used';
  return `intent:${label.intent}`;
}

/** The choice a "teaches" value stands for (null for the undecided placeholder). */
export function choiceFromValue(value: string): LabelChoice | null {
  if (value === 'own') return { use: 'own' };
  if (value === 'not_used') return { use: 'not_used' };
  if (value.startsWith('intent:') && value.length > 'intent:'.length) {
    return { use: 'intent', intent: value.slice('intent:'.length) };
  }
  return null;
}

/** Labels that teach the assistant nothing yet. */
export function undecidedLabels(labels: readonly ImportedLabel[]): ImportedLabel[] {
  return labels.filter((l) => l.used === 'undecided');
}

/** "3 labels on 1,200 conversations teach the assistant nothing yet." */
export function undecidedText(labels: readonly ImportedLabel[], locale?: string): string {
  const undecided = undecidedLabels(labels);
  const conversations = undecided.reduce((sum, l) => sum + l.conversations, 0);
  const n = undecided.length;
  return `${formatCount(n, locale)} label${n === 1 ? '' : 's'} on ${formatCount(conversations, locale)} conversation${
    conversations === 1 ? '' : 's'
  } ${n === 1 ? 'teaches' : 'teach'} the assistant nothing yet: ${n === 1 ? 'its' : 'their'} conversations are not used or scored.`;
}

/** How many of the workspace's policy passages could be quoted. */
export interface PassagesRead {
  embedded: number;
  total: number;
}

/**
 * Said beside an answer given while policies were still being read, once
 * more of them can be quoted: how many it could draw on, and to ask again.
 * Null when the answer had them all, or nothing more has been read since.
 */
export function partialAnswerNote(
  whenAsked: PassagesRead | null,
  now: PassagesRead | null,
  locale?: string,
): string | null {
  if (!whenAsked || !now || whenAsked.embedded >= whenAsked.total || now.embedded <= whenAsked.embedded) return null;
  return (
    `This answer could quote ${formatCount(whenAsked.embedded, locale)} of ${formatCount(whenAsked.total, locale)} ` +
    `policy passages; ${formatCount(now.embedded, locale)} can be quoted now. Ask again for an answer from them.`
  );
}
