// Pure helpers for the Import screen (tested in imports.test.ts).

import type { ApiError, FilePreview, ImportProgress, MappingField } from './bindings';
import { formatCount } from './format';

/** Words for the format ids the engine reports (as in its own labels). */
export const FORMAT_LABELS: Readonly<Record<string, string>> = {
  shopify_products: 'Shopify products export',
  shopify_products_legacy: 'Shopify products export (legacy columns)',
  shopify_orders: 'Shopify orders export',
  shopify_customers: 'Shopify customers export',
  shopify_customers_legacy: 'Shopify customers export (legacy columns)',
  returns: 'Returns list',
  transactions: 'Transaction lines',
  support_conversations: 'Support conversations',
  experiment_events: 'Experiment events',
  knowledge_base: 'Knowledge-base document',
  woocommerce_products: 'WooCommerce products export',
  mapped_transactions: 'Mapped: transaction lines',
  mapped_catalogue: 'Mapped: product catalogue',
};

/** A format id in words; an id this UI does not know is made readable. */
export function formatName(id: string | null | undefined): string {
  if (!id) return 'Not recognised';
  const known = FORMAT_LABELS[id];
  if (known) return known;
  const words = id.replace(/[_-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : id;
}

/**
 * Paths typed or pasted into the path field: one per line (a path may hold
 * spaces), surrounding quotes removed, blanks and repeats dropped.
 */
export function splitPaths(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    let path = line.trim();
    if (path.length >= 2 && /^(["']).*\1$/.test(path)) path = path.slice(1, -1).trim();
    if (path.startsWith('file://')) {
      try {
        path = decodeURIComponent(new URL(path).pathname);
      } catch {
        // Not a URL after all: keep the text.
      }
    }
    if (path && !out.includes(path)) out.push(path);
  }
  return out;
}

/**
 * The preview list after adding `incoming`: a file already listed (same
 * path) is refreshed in place, new files are appended in order.
 */
export function mergePreviews(existing: readonly FilePreview[], incoming: readonly FilePreview[]): FilePreview[] {
  const out = [...existing];
  for (const preview of incoming) {
    const index = out.findIndex((p) => p.path === preview.path);
    if (index >= 0) out[index] = preview;
    else out.push(preview);
  }
  return out;
}

/** Files that can be imported (those without an error). */
export function importable(previews: readonly FilePreview[]): FilePreview[] {
  return previews.filter((p) => p.error === null);
}

/** True when a file to import holds transaction lines, whose amounts name no currency. */
export function needsCurrency(previews: readonly FilePreview[]): boolean {
  return importable(previews).some((p) => p.format === 'transactions' || p.format === MAPPED_FORMAT);
}

// ---------------------------------------------------------- column mapping

/** Format id of a file read through a column mapping as sales lines. */
export const MAPPED_FORMAT = 'mapped_transactions';
/** Format id of a file read through a column mapping as a product catalogue. */
export const MAPPED_CATALOGUE_FORMAT = 'mapped_catalogue';

/**
 * Field → column of the file; a field with no column is absent. The key
 * `kind` says what the file is: `catalogue`, or sales lines when absent.
 */
export type ColumnMapping = Record<string, string>;

export const KIND_KEY = 'kind';
export type MappingKind = 'transactions' | 'catalogue';

/** What a mapping says the file is. */
export function mappingKind(mapping: ColumnMapping | null | undefined): MappingKind {
  return mapping?.[KIND_KEY] === 'catalogue' ? 'catalogue' : 'transactions';
}

/** The format a file has once read through `mapping`. */
export function mappedFormat(mapping: ColumnMapping | null | undefined): string {
  return mappingKind(mapping) === 'catalogue' ? MAPPED_CATALOGUE_FORMAT : MAPPED_FORMAT;
}

/** The kinds of file a mapping can say, with their words, in the engine's order. */
export function mappingKinds(fields: readonly MappingField[]): { kind: MappingKind; label: string }[] {
  const out: { kind: MappingKind; label: string }[] = [];
  for (const f of fields) {
    const kind: MappingKind = f.kind === 'catalogue' ? 'catalogue' : 'transactions';
    if (!out.some((k) => k.kind === kind)) out.push({ kind, label: f.kind_label });
  }
  return out;
}

/** The fields of one kind of file. */
export function fieldsOf(fields: readonly MappingField[], kind: MappingKind): MappingField[] {
  return fields.filter((f) => (f.kind === 'catalogue' ? 'catalogue' : 'transactions') === kind);
}

/** What the engine says about a file that needs a column mapping. */
export interface MappingNeed {
  file: string | null;
  columns: string[];
  /** Field → a likely column (only columns that exist), and the kind of file it looks like. */
  suggestion: ColumnMapping;
}

/** The mapping details of a preview whose error is `needs_mapping`, else null. */
export function mappingNeed(preview: FilePreview): MappingNeed | null {
  const error = preview.error;
  if (!error || error.code !== 'needs_mapping') return null;
  const d = (typeof error.details === 'object' && error.details !== null ? error.details : {}) as Record<string, unknown>;
  const columns = Array.isArray(d.columns)
    ? d.columns.filter((c): c is string => typeof c === 'string')
    : preview.columns;
  const suggestion: ColumnMapping = {};
  if (typeof d.suggestion === 'object' && d.suggestion !== null) {
    for (const [field, column] of Object.entries(d.suggestion as Record<string, unknown>)) {
      if (typeof column !== 'string') continue;
      if (field === KIND_KEY || columns.includes(column)) suggestion[field] = column;
    }
  }
  return { file: typeof d.file === 'string' ? d.file : null, columns, suggestion };
}

/**
 * The choices an editor starts from: every field, with the column of
 * `previous` (a mapping confirmed before) or else of the suggestion when the
 * file has that column, or '' (no column). A column is given to one field only.
 */
export function initialMapping(
  fields: readonly MappingField[],
  columns: readonly string[],
  suggestion: ColumnMapping,
  previous: ColumnMapping | null = null,
): ColumnMapping {
  const out: ColumnMapping = {};
  const used = new Set<string>();
  for (const field of fields) {
    const wanted = [previous?.[field.name], suggestion[field.name]];
    const column = wanted.find((c): c is string => !!c && columns.includes(c) && !used.has(c)) ?? '';
    out[field.name] = column;
    if (column) used.add(column);
  }
  return out;
}

/** The file's columns no field of `mapping` reads (they are not imported). */
export function unplacedColumns(columns: readonly string[], mapping: ColumnMapping): string[] {
  const used = new Set(Object.entries(mapping).filter(([k, v]) => k !== KIND_KEY && v).map(([, v]) => v));
  return columns.filter((c) => !used.has(c));
}

/** Why a mapping cannot be used yet (empty when it can). */
export function mappingProblems(fields: readonly MappingField[], mapping: ColumnMapping): string[] {
  const problems: string[] = [];
  const label = (name: string) => fields.find((f) => f.name === name)?.label ?? name;
  const missing = fields
    .filter((f) => f.required && !mapping[f.name] && !(f.or && mapping[f.or]))
    .map((f) => (f.or ? `${f.label} or ${label(f.or)}` : f.label));
  if (missing.length > 0) {
    problems.push(`Choose a column for ${missing.join(', ')}.`);
  }
  const seen = new Map<string, string>();
  for (const field of fields) {
    const column = mapping[field.name];
    if (!column) continue;
    const first = seen.get(column);
    if (first !== undefined) problems.push(`Column “${column}” is chosen for both ${first} and ${field.label}.`);
    else seen.set(column, field.label);
  }
  return problems;
}

/** The mapping as sent: only fields that have a column, in field order when known. */
export function cleanMapping(mapping: ColumnMapping, fields: readonly MappingField[] = []): ColumnMapping {
  const order = [...fields.map((f) => f.name), ...Object.keys(mapping)];
  const out: ColumnMapping = {};
  for (const name of order) {
    const column = mapping[name];
    if (column && !(name in out)) out[name] = column;
  }
  return out;
}

/** True when both give every field the same column. */
export function sameMapping(a: ColumnMapping, b: ColumnMapping): boolean {
  const ca = cleanMapping(a);
  const cb = cleanMapping(b);
  const keys = Object.keys(ca);
  return keys.length === Object.keys(cb).length && keys.every((k) => ca[k] === cb[k]);
}

/** The distinct mappings among those confirmed, in order. */
export function distinctMappings(mappings: Readonly<Record<string, ColumnMapping>>): ColumnMapping[] {
  const out: ColumnMapping[] = [];
  for (const mapping of Object.values(mappings)) {
    if (!out.some((m) => sameMapping(m, mapping))) out.push(cleanMapping(mapping));
  }
  return out;
}

/**
 * The previews as they will be imported: a file that needs a mapping and has
 * a confirmed one counts as mapped transaction lines, without error.
 */
export function withMappings(
  previews: readonly FilePreview[],
  mappings: Readonly<Record<string, ColumnMapping>>,
): FilePreview[] {
  return previews.map((p) =>
    p.error?.code === 'needs_mapping' && mappings[p.path]
      ? { ...p, format: mappedFormat(mappings[p.path]), format_label: FORMAT_LABELS[mappedFormat(mappings[p.path])], error: null }
      : p,
  );
}

function files(n: number): string {
  return n === 1 ? '1 file' : `${n} files`;
}

/** Text of the Import button, e.g. `Import 2 files (1 skipped)`. */
export function importButtonLabel(previews: readonly FilePreview[]): string {
  const ok = importable(previews).length;
  const skipped = previews.length - ok;
  if (ok === 0) return previews.length === 0 ? 'Import' : 'Nothing to import';
  return skipped > 0 ? `Import ${files(ok)} (${skipped} skipped)` : `Import ${files(ok)}`;
}

/** The step of a running import in words. */
export function stepLabel(step: string): string {
  switch (step) {
    case 'reading':
      return 'Reading…';
    case 'storing':
      return 'Storing…';
    case 'done':
      return 'Done';
    default:
      return step ? `${step.charAt(0).toUpperCase()}${step.slice(1)}…` : 'Starting…';
  }
}

/** Share of files finished, 0..1. */
export function progressFraction(progress: ImportProgress | null): number {
  if (!progress || progress.total <= 0) return 0;
  return Math.min(1, Math.max(0, progress.done / progress.total));
}

/**
 * Where a set-aside row is: its line in the file, with its record number when
 * earlier fields hold line breaks (`14 (record 9)`).
 */
export function rowPlace(line: number | null | undefined, record: number | null | undefined): string {
  if (line === null || line === undefined) return record === null || record === undefined ? '—' : `record ${record}`;
  return record !== null && record !== undefined && record !== line ? `${line} (record ${record})` : `${line}`;
}

/**
 * The line above an import's set-aside rows: how many rows it set aside (a
 * row with several bad cells is listed once per cell, so the listing can be
 * longer) and, when only the first ones are listed, how many.
 */
export function rejectsSummary(
  rows: readonly { line: number | null; record: number | null }[],
  total: number,
  fileName: string,
  locale?: string,
): string {
  const listed = new Set(rows.map((r) => r.record ?? r.line)).size;
  const count = total === 1 ? '1 row' : `${formatCount(total, locale)} rows`;
  const first = listed < total ? `, the first ${formatCount(listed, locale)} listed` : '';
  return `${count} of ${fileName} set aside${first}:`;
}

/** Where a strict import stopped, from the details of a `row_rejected` error. */
export interface RowRejection {
  file: string | null;
  line: number | null;
  record: number | null;
  column: string | null;
  reason: string | null;
}

export function rowRejection(details: unknown): RowRejection | null {
  if (typeof details !== 'object' || details === null) return null;
  const d = details as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const number = (v: unknown) =>
    typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null;
  const line = number(d.line);
  const found = { file: text(d.file), line, record: number(d.record), column: text(d.column), reason: text(d.reason) };
  return found.file || found.line !== null || found.column || found.reason ? found : null;
}

export const NOTHING_IMPORTED = 'Nothing was imported; the workspace is as it was.';

/** What the Import screen says, above everything, when an import fails. */
export interface ImportFailure {
  code: string;
  title: string;
  /** Where a strict import stopped, as `orders.csv · line 42 · column “Total”`. */
  where: string | null;
  message: string;
}

/** Text ending as a sentence, so another can follow it. */
function sentence(text: string): string {
  const t = text.trim();
  return t === '' || /[.!?…]["”’)]?$/.test(t) ? t : `${t}.`;
}

export function describeImportFailure(error: ApiError): ImportFailure {
  if (error.code === 'cancelled') {
    return { code: error.code, title: 'Import cancelled', where: null, message: NOTHING_IMPORTED };
  }
  if (error.code === 'row_rejected') {
    const at = rowRejection(error.details);
    const parts: string[] = [];
    if (at?.file) parts.push(at.file);
    if (at?.line !== null && at?.line !== undefined) parts.push(`line ${rowPlace(at.line, at.record)}`);
    if (at?.column) parts.push(`column “${at.column}”`);
    const reason = at?.reason ?? error.message;
    return {
      code: error.code,
      title: 'A row could not be read (strict mode)',
      where: parts.length > 0 ? parts.join(' · ') : null,
      message: `${sentence(reason)} ${NOTHING_IMPORTED}`,
    };
  }
  if (error.code === 'bad_mapping') {
    return {
      code: error.code,
      title: 'The column mapping cannot be used',
      where: null,
      message: `${sentence(error.message)} ${NOTHING_IMPORTED}`,
    };
  }
  return {
    code: error.code,
    title: 'The import failed',
    where: null,
    message: `${sentence(error.message)} ${NOTHING_IMPORTED}`,
  };
}

/**
 * `YYYY-MM-DD HH:MM:SS` in UTC (as the history stores it) as an RFC 3339
 * timestamp; anything else is returned unchanged.
 */
export function utcToRfc3339(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?$/.exec(value.trim());
  return match ? `${match[1]}T${match[2]}Z` : value;
}

/** A table cell for display: null as an em dash, long text cut with an ellipsis. */
export function cellText(value: string | null, max = 40): string {
  if (value === null) return '—';
  const flat = value.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/** The full value for a tooltip, only when `cellText` shortened or changed it. */
export function cellTitle(value: string | null, max = 40): string | undefined {
  if (value === null) return undefined;
  return cellText(value, max) !== value ? value : undefined;
}
