// Pure helpers of the Search screen and of the embedding progress: price
// bands, building a request from what the person chose, labels, the search
// rules form. No Svelte and no backend here (tested in
// search.test.ts).

import type {
  EmbedProgress,
  EmbeddingCoverage,
  FacetCount,
  OutOfStock,
  SearchFilters,
  SearchHit,
  SearchMode,
  SearchRequest,
  SearchSettings,
} from './bindings';
import { formatCount, resolveLocale } from './format';
import { PRICE_BANDS } from './bindings';

/** Results asked for at a time ("Show more" asks for this many more). */
export const PAGE_SIZE = 20;

/** Pause in typing before the search runs. */
export const DEBOUNCE_MS = 200;

export const SEARCH_MODES: ReadonlyArray<{ value: SearchMode; label: string; hint: string }> = [
  { value: 'hybrid', label: 'Hybrid', hint: 'Keywords and meaning together' },
  { value: 'keyword', label: 'Keywords only', hint: 'Words and SKUs, small typos forgiven' },
  { value: 'semantic', label: 'Meaning only', hint: 'Close in meaning, even without shared words' },
];

export const OUT_OF_STOCK_CHOICES: ReadonlyArray<{ value: OutOfStock; label: string }> = [
  { value: 'demote', label: 'Show them after products in stock' },
  { value: 'hide', label: 'Hide them' },
  { value: 'keep', label: 'Rank them like any other product' },
];

// ------------------------------------------------------------ price bands

/** The engine's price bands, generated from its own definition. */
export { PRICE_BANDS };

/** The price range of a band, or null for a value that is not a band. */
export function priceBandRange(value: string): { min: number; max: number | null } | null {
  const band = PRICE_BANDS.find((b) => b.value === value);
  return band ? { min: band.min, max: band.max } : null;
}

/** The band the price filter is set to, or null (no price filter, or another range). */
export function selectedPriceBand(filters: Pick<SearchFilters, 'price_min' | 'price_max'>): string | null {
  const band = PRICE_BANDS.find((b) => b.min === filters.price_min && b.max === filters.price_max);
  return band ? band.value : null;
}

/** Filters with the band selected, or the price filter cleared when it already was. */
export function togglePriceBand(filters: SearchFilters, value: string): SearchFilters {
  const range = priceBandRange(value);
  if (!range || selectedPriceBand(filters) === value) {
    return { ...filters, price_min: null, price_max: null };
  }
  return { ...filters, price_min: range.min, price_max: range.max };
}

/** A band as shown: "Under 25", "25–50", "200 and more". */
export function priceBandLabel(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

// ---------------------------------------------------------------- requests

export function emptyFilters(): SearchFilters {
  return { categories: [], vendors: [], price_min: null, price_max: null, in_stock_only: false };
}

/** The list with `value` added, or removed when it was there. */
export function toggleValue(list: readonly string[], value: string): string[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** True when any filter narrows the results. */
export function hasFilters(filters: SearchFilters): boolean {
  return (
    filters.categories.length > 0 ||
    filters.vendors.length > 0 ||
    filters.price_min !== null ||
    filters.price_max !== null ||
    filters.in_stock_only
  );
}

export interface SearchInput {
  query: string;
  mode: SearchMode;
  filters: SearchFilters;
  limit: number;
}

/**
 * The request for what the person typed and chose: the query trimmed, plain
 * copies of the filter lists (never the UI's reactive arrays), a whole
 * positive limit.
 */
export function buildRequest(input: SearchInput): SearchRequest {
  const f = input.filters;
  const limit = Number.isFinite(input.limit) ? Math.max(1, Math.floor(input.limit)) : PAGE_SIZE;
  return {
    query: input.query.trim(),
    mode: input.mode,
    limit,
    filters: {
      categories: [...f.categories],
      vendors: [...f.vendors],
      price_min: f.price_min,
      price_max: f.price_max,
      in_stock_only: f.in_stock_only,
    },
  };
}

/**
 * The options of a facet: the engine's counts, plus any selected value the
 * counts no longer list (with 0), so it can still be unticked.
 */
export function facetOptions(counts: readonly FacetCount[], selected: readonly string[]): FacetCount[] {
  const listed = new Set(counts.map((c) => c.value));
  return [...counts, ...selected.filter((v) => !listed.has(v)).map((value) => ({ value, count: 0 }))];
}

// ---------------------------------------------------------------- display

/** "12 in stock", "In stock" (stock not tracked) or "Out of stock". */
export function stockLabel(
  hit: Pick<SearchHit, 'stock' | 'in_stock'>,
  locale?: string,
): { text: string; out: boolean } {
  if (!hit.in_stock || (hit.stock !== null && hit.stock <= 0)) return { text: 'Out of stock', out: true };
  if (hit.stock === null) return { text: 'In stock', out: false };
  return { text: `${formatCount(hit.stock, locale)} in stock`, out: false };
}

/**
 * The badge for an exact SKU or handle match ("Exact SKU SKU-1042-S"), else
 * the SKU a query word matched ("SKU SKU-1042-S"), else null.
 */
export function skuBadge(hit: Pick<SearchHit, 'exact_match' | 'matched_terms' | 'skus'>): {
  text: string;
  exact: boolean;
} | null {
  if (hit.exact_match) return { text: `Exact ${hit.exact_match}`, exact: true };
  const term = hit.matched_terms.find((m) => m.field === 'sku');
  if (!term) return null;
  const wanted = term.matched.toLowerCase();
  const sku =
    hit.skus.find((s) => s.toLowerCase() === wanted) ??
    hit.skus.find((s) => s.toLowerCase().includes(wanted)) ??
    term.matched;
  return { text: `SKU ${sku}`, exact: false };
}

/** A cosine similarity with two decimals ("0.82"). */
export function formatSimilarity(similarity: number): string {
  return Number.isFinite(similarity) ? similarity.toFixed(2) : '—';
}

/** "1 result", "1,204 results". */
export function resultsText(total: number, locale?: string): string {
  return total === 1 ? '1 result' : `${formatCount(total, locale)} results`;
}

/** A search's latency: "3 ms", "0.4 ms", "1.2 s". */
export function formatLatency(ms: number, locale?: string): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(resolveLocale(locale), {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(value);
  if (ms < 1) return `${number(ms, 1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${number(ms / 1000, 1)} s`;
}

/** "3 hidden by your rules". */
export function hiddenText(hidden: number, locale?: string): string {
  return `${formatCount(hidden, locale)} hidden by your rules`;
}

/**
 * Whether an image address can be shown. The app loads nothing from the
 * network (its content security policy allows only its own files and
 * `data:` images), so web addresses get the placeholder instead of a
 * broken image.
 */
export function displayableImage(url: string | null): string | null {
  if (!url) return null;
  const trimmed = url.trim();
  if (/^data:image\//i.test(trimmed)) return trimmed;
  return null;
}

// --------------------------------------------------------------- embedding

/** "Embedding products…" (or a preparing line before the run knows what it embeds). */
export function embedActivity(progress: EmbedProgress | null): string {
  return progress ? `Embedding ${progress.label || 'items'}…` : 'Preparing to embed…';
}

/** "640 / 4,100", or "" before the run knows its size. */
export function embedCounts(progress: EmbedProgress | null, locale?: string): string {
  return progress ? `${formatCount(progress.done, locale)} / ${formatCount(progress.total, locale)}` : '';
}

/** "Embedding products… 640 / 4,100", or a preparing line before the first batch. */
export function embedProgressText(progress: EmbedProgress | null, locale?: string): string {
  return progress ? `${embedActivity(progress)} ${embedCounts(progress, locale)}` : embedActivity(null);
}

/** Share of the run done, 0..1 (0 before the first batch). */
export function embedFraction(progress: EmbedProgress | null): number {
  if (!progress || progress.total <= 0) return 0;
  return Math.min(1, Math.max(0, progress.done / progress.total));
}

/** Items still to embed, over all kinds. */
export function pendingItems(coverage: readonly EmbeddingCoverage[]): number {
  return coverage.reduce((n, c) => n + Math.max(0, c.total - c.embedded), 0);
}

/**
 * Coverage while a run goes on. A run embeds what is missing kind by kind,
 * in the order the coverage lists the kinds, and reports `done` over all of
 * them; so the first `done` missing items are counted as embedded.
 */
export function liveCoverage(coverage: readonly EmbeddingCoverage[], done: number): EmbeddingCoverage[] {
  let left = Math.max(0, done);
  return coverage.map((c) => {
    const missing = Math.max(0, c.total - c.embedded);
    const now = Math.min(missing, left);
    left -= now;
    return { ...c, embedded: c.embedded + now };
  });
}

/** "1,200 of 1,500 products embedded". */
export function coverageText(
  coverage: Pick<EmbeddingCoverage, 'embedded' | 'total' | 'label'>,
  locale?: string,
): string {
  return `${formatCount(coverage.embedded, locale)} of ${formatCount(coverage.total, locale)} ${coverage.label || 'items'} embedded`;
}

// ------------------------------------------------------------ search rules

/** The search rules form, as typed (numbers stay text until saved). */
export interface RulesDraft {
  out_of_stock: OutOfStock;
  /** Percent, e.g. "30"; empty for no minimum. */
  min_margin: string;
  method: 'rrf' | 'blend';
  k: string;
  keyword_weight: string;
  semantic_weight: string;
  alpha: string;
  min_similarity: string;
}

export type RulesErrors = Partial<Record<keyof RulesDraft, string>>;

const DEFAULT_RRF = { k: 60, keyword_weight: 1, semantic_weight: 1 };
const DEFAULT_ALPHA = 0.5;

/** A number as typed in a field (no grouping, no float noise such as 30.000000000000004). */
function numberText(value: number): string {
  return String(Number(value.toFixed(6)));
}

export function draftFromSettings(settings: SearchSettings): RulesDraft {
  const f = settings.fusion;
  const rrf = f.method === 'rrf' ? f : DEFAULT_RRF;
  return {
    out_of_stock: settings.out_of_stock,
    min_margin: settings.min_margin === null ? '' : numberText(settings.min_margin * 100),
    method: f.method,
    k: numberText(rrf.k),
    keyword_weight: numberText(rrf.keyword_weight),
    semantic_weight: numberText(rrf.semantic_weight),
    alpha: numberText(f.method === 'blend' ? f.alpha : DEFAULT_ALPHA),
    min_similarity: numberText(settings.min_similarity),
  };
}

/**
 * A number typed by a person: a decimal comma is accepted, a trailing "%"
 * ignored. Null when empty, NaN when not a number.
 */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(/%$/, '').trim().replace(',', '.');
  if (t === '') return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return Number.NaN;
  return Number(t);
}

/**
 * The settings the form describes, keeping what it does not edit (boosts,
 * pins, blocked products) from `base`; or, when a value is out of range,
 * null and a message per field.
 */
export function settingsFromDraft(
  draft: RulesDraft,
  base: SearchSettings,
): { settings: SearchSettings | null; errors: RulesErrors } {
  const errors: RulesErrors = {};

  const margin = parseNumber(draft.min_margin);
  if (margin !== null && (Number.isNaN(margin) || margin < -100 || margin >= 100)) {
    errors.min_margin = 'A percentage from -100 to 99.9, or empty for no minimum.';
  }

  const required = (key: keyof RulesDraft, ok: (n: number) => boolean, message: string): number => {
    const n = parseNumber(draft[key]);
    if (n === null || Number.isNaN(n) || !ok(n)) {
      errors[key] = message;
      return Number.NaN;
    }
    return n;
  };

  let fusion: SearchSettings['fusion'];
  if (draft.method === 'rrf') {
    fusion = {
      method: 'rrf',
      k: required('k', (n) => n > 0, 'A number above 0 (60 is usual).'),
      keyword_weight: required('keyword_weight', (n) => n >= 0, 'A number of 0 or more.'),
      semantic_weight: required('semantic_weight', (n) => n >= 0, 'A number of 0 or more.'),
    };
  } else {
    fusion = { method: 'blend', alpha: required('alpha', (n) => n >= 0 && n <= 1, 'A number from 0 to 1.') };
  }
  const minSimilarity = required('min_similarity', (n) => n >= -1 && n <= 1, 'A number from -1 to 1 (0.3 is usual).');

  if (Object.keys(errors).length > 0) return { settings: null, errors };
  return {
    settings: {
      ...base,
      fusion,
      out_of_stock: draft.out_of_stock,
      min_margin: margin === null ? null : margin / 100,
      min_similarity: minSimilarity,
    },
    errors,
  };
}
