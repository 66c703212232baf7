// Wording, numbers and client-side logic of the Recommendations screen,
// kept out of the component so they can be tested on their own (see
// recommendations.test.ts): the product picker's request, figures and
// reasons of an item, empty-list sentences, the rules form (validated the
// way the engine validates it), the purchase-history summary and the
// preference quiz. No Svelte and no backend here.

import type {
  CustomerSummary,
  FacetCount,
  PurchasedItem,
  Recommendation,
  RecommendSettings,
  SearchRequest,
} from './bindings';
import { formatCount, formatDateRange, resolveLocale } from './format';
import { buildRequest, emptyFilters, parseNumber, priceBandRange } from './search';

/** Products offered by the picker at a time. */
export const PRODUCT_OPTIONS = 8;

/** Purchases listed before "and N more". */
export const HISTORY_SHOWN = 10;

/** The engine's rules before the merchant changes them (mirrors `RecommendSettings::default`). */
export const DEFAULT_RECOMMEND_SETTINGS: RecommendSettings = {
  in_stock_only: true,
  min_margin: null,
  per_category_cap: 3,
  min_support: 3,
  limit: 8,
  content_weight: 0.7,
};

// ------------------------------------------------------------------ picker

/**
 * The catalog search behind the product picker: what was typed (an empty
 * box browses the catalog A–Z), no filters, the first few matches.
 */
export function productSearchRequest(query: string): SearchRequest {
  return buildRequest({ query, mode: 'hybrid', filters: emptyFilters(), limit: PRODUCT_OPTIONS });
}

// ------------------------------------------------------------- numbers

function number(value: number, digits: number, locale?: string): string {
  return new Intl.NumberFormat(resolveLocale(locale), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** A share as a percentage: whole from 10% up ("34%"), one decimal below ("4.5%"). */
export function formatShare(ratio: number, locale?: string): string {
  if (!Number.isFinite(ratio)) return '—';
  const pct = ratio * 100;
  return `${number(pct, Math.abs(pct) >= 10 || pct === 0 ? 0 : 1, locale)}%`;
}

/** A lift as a multiple: "2.1×" ("12×" from 10 up). */
export function formatLiftTimes(lift: number, locale?: string): string {
  if (!Number.isFinite(lift)) return '—';
  return `${number(lift, Math.abs(lift) >= 10 ? 0 : 1, locale)}×`;
}

/** "1 order", "12 orders". */
export function ordersText(count: number, locale?: string): string {
  return count === 1 ? '1 order' : `${formatCount(count, locale)} orders`;
}

export interface Figure {
  key: 'support' | 'confidence' | 'lift';
  label: string;
  /** As shown. */
  text: string;
  /** The engine's number. */
  value: number;
  /** What it means, for the tooltip. */
  hint: string;
}

/**
 * The bought-together figures of an item (support, confidence, lift), the
 * ones the engine gave; empty for items of other lists.
 */
export function figuresOf(
  item: Pick<Recommendation, 'support' | 'confidence' | 'lift'>,
  locale?: string,
): Figure[] {
  const figures: Figure[] = [];
  if (item.support !== null) {
    figures.push({
      key: 'support',
      label: 'Support',
      text: formatCount(item.support, locale),
      value: item.support,
      hint: `Bought together in ${ordersText(item.support, locale)}`,
    });
  }
  if (item.confidence !== null) {
    figures.push({
      key: 'confidence',
      label: 'Confidence',
      text: formatShare(item.confidence, locale),
      value: item.confidence,
      hint: 'Share of the chosen product’s orders that also hold this one',
    });
  }
  if (item.lift !== null) {
    figures.push({
      key: 'lift',
      label: 'Lift',
      text: formatLiftTimes(item.lift, locale),
      value: item.lift,
      hint: 'How much more often they are bought together than chance would give (1× is chance)',
    });
  }
  return figures;
}

/** The reasons an item is there, as the engine wrote them (blank ones dropped). */
export function reasonsOf(item: Pick<Recommendation, 'why'>): string[] {
  return item.why.map((r) => r.trim()).filter((r) => r !== '');
}

/** "Margin 42%", or null when the margin is not known. */
export function marginText(margin: number | null, locale?: string): string | null {
  return margin === null || !Number.isFinite(margin) ? null : `Margin ${formatShare(margin, locale)}`;
}

export function stockText(inStock: boolean): string {
  return inStock ? 'In stock' : 'Out of stock';
}

// ------------------------------------------------------------------- rules

/** The rules in force, in a few words: "In stock only · at most 3 per category · …". */
export function rulesSummary(s: RecommendSettings, locale?: string): string {
  const parts = [
    s.in_stock_only ? 'In stock only' : 'Out-of-stock items allowed',
    s.min_margin === null ? 'no minimum margin' : `margin at least ${formatShare(s.min_margin, locale)}`,
    `at most ${formatCount(s.per_category_cap, locale)} per category`,
    `bought together from ${ordersText(s.min_support, locale)}`,
    `${formatCount(s.limit, locale)} per list`,
    `meaning ${formatShare(s.content_weight, locale)}, co-purchase ${formatShare(1 - s.content_weight, locale)}`,
  ];
  return parts.join(' · ');
}

/** What can leave a candidate out under these rules: "out of stock, margin below 20%, category cap". */
function ruleCauses(s: RecommendSettings, locale?: string): string {
  const causes: string[] = [];
  if (s.in_stock_only) causes.push('out of stock');
  if (s.min_margin !== null) causes.push(`margin below ${formatShare(s.min_margin, locale)}`);
  causes.push(`more than ${formatCount(s.per_category_cap, locale)} of one category`);
  return causes.join(', ');
}

/**
 * The line saying how many candidates the rules left out:
 * "3 candidates left out by your rules (out of stock, more than 3 of one category)"
 * (no full stop: other figures follow it on the line).
 */
export function hiddenText(hidden: number, settings: RecommendSettings, locale?: string): string {
  if (hidden <= 0) return 'Your rules left no candidate out';
  const what = hidden === 1 ? '1 candidate' : `${formatCount(hidden, locale)} candidates`;
  return `${what} left out by your rules (${ruleCauses(settings, locale)})`;
}

export interface EmptyContext {
  settings: RecommendSettings;
  /** Orders holding the chosen product. */
  productOrders?: number;
  /** Products with a vector, and in all (similar items need vectors). */
  embedded?: number;
  products?: number;
  /** Why the embedding model cannot be used, when it cannot. */
  modelUnavailable?: boolean;
  /** Candidates the rules left out. */
  hidden?: number;
}

/** Why a list is empty, in words. */
export function emptyListText(list: 'similar' | 'together' | 'picks', ctx: EmptyContext, locale?: string): string {
  const rules = (ctx.hidden ?? 0) > 0 ? ' Your rules left out every candidate; loosen them to see more.' : '';
  switch (list) {
    case 'similar': {
      if (ctx.modelUnavailable && !ctx.embedded) {
        return 'No similar items: they are found by meaning, and the embedding model is not available.';
      }
      if (ctx.products !== undefined && ctx.embedded !== undefined && ctx.embedded < ctx.products) {
        return `No similar items yet: they are found by meaning, and ${formatCount(ctx.embedded, locale)} of ${formatCount(ctx.products, locale)} products are embedded so far.`;
      }
      return `No similar items to show.${rules}`;
    }
    case 'together': {
      if (ctx.productOrders === 0) return 'Not in any order yet, so nothing is bought with it.';
      return `Not bought with other products often enough yet (minimum ${ordersText(ctx.settings.min_support, locale)}).${rules}`;
    }
    case 'picks':
      return `No picks to show.${rules}`;
  }
}

// --------------------------------------------------------------- rules form

/** The rules form, as typed (numbers stay text until saved). */
export interface RulesDraft {
  in_stock_only: boolean;
  /** Percent, e.g. "20"; empty for no minimum. */
  min_margin: string;
  per_category_cap: string;
  min_support: string;
  limit: string;
  /** 0 (co-purchase only) to 1 (meaning only). */
  content_weight: string;
}

export type RulesErrors = Partial<Record<keyof RulesDraft, string>>;

/** A number as typed in a field (no grouping, no float noise such as 30.000000000000004). */
function numberText(value: number): string {
  return String(Number(value.toFixed(6)));
}

export function draftFromSettings(settings: RecommendSettings): RulesDraft {
  return {
    in_stock_only: settings.in_stock_only,
    min_margin: settings.min_margin === null ? '' : numberText(settings.min_margin * 100),
    per_category_cap: numberText(settings.per_category_cap),
    min_support: numberText(settings.min_support),
    limit: numberText(settings.limit),
    content_weight: numberText(settings.content_weight),
  };
}

/**
 * The settings the form describes, or null and a message per field out of
 * range. The ranges are the engine's: a margin below 100%, a weight from 0
 * to 1, 1 to 50 items per list, a category cap and a minimum support of at
 * least 1 (whole numbers).
 */
export function settingsFromDraft(draft: RulesDraft): { settings: RecommendSettings | null; errors: RulesErrors } {
  const errors: RulesErrors = {};

  const margin = parseNumber(draft.min_margin);
  if (margin !== null && (Number.isNaN(margin) || margin < -100 || margin >= 100)) {
    errors.min_margin = 'A percentage below 100 (e.g. 20), or empty for no minimum.';
  }

  const whole = (key: 'per_category_cap' | 'min_support' | 'limit', max: number | null, message: string): number => {
    const n = parseNumber(draft[key]);
    if (n === null || Number.isNaN(n) || !Number.isInteger(n) || n < 1 || (max !== null && n > max)) {
      errors[key] = message;
      return Number.NaN;
    }
    return n;
  };
  const cap = whole('per_category_cap', null, 'A whole number of 1 or more.');
  const support = whole('min_support', null, 'A whole number of orders, 1 or more.');
  const limit = whole('limit', 50, 'A whole number from 1 to 50.');

  const weight = parseNumber(draft.content_weight);
  if (weight === null || Number.isNaN(weight) || weight < 0 || weight > 1) {
    errors.content_weight = 'A number from 0 (co-purchase only) to 1 (meaning only).';
  }

  if (Object.keys(errors).length > 0) return { settings: null, errors };
  return {
    settings: {
      in_stock_only: draft.in_stock_only,
      min_margin: margin === null ? null : margin / 100,
      per_category_cap: cap,
      min_support: support,
      limit,
      content_weight: weight as number,
    },
    errors,
  };
}

/** True when the form differs from the stored settings. */
export function draftChanged(draft: RulesDraft, settings: RecommendSettings): boolean {
  return JSON.stringify(draft) !== JSON.stringify(draftFromSettings(settings));
}

// ---------------------------------------------------------------- customers

/**
 * What the header adds to a customer's label (which already says orders and
 * last order): the id in full and the country, "Id e:3f9a0c1b2d · DE".
 */
export function customerLine(customer: CustomerSummary): string {
  const parts = [`Id ${customer.customer_id}`];
  if (customer.country) parts.push(customer.country);
  return parts.join(' · ');
}

export interface HistorySummary {
  /** The first purchases to list, most recent first. */
  shown: PurchasedItem[];
  /** Purchases not listed. */
  more: number;
  purchases: number;
  /** Distinct products. */
  products: number;
  first: string | null;
  last: string | null;
}

/** The purchase history as listed: the `limit` most recent, and what is left. */
export function historySummary(history: readonly PurchasedItem[], limit = HISTORY_SHOWN): HistorySummary {
  const dates = history.map((h) => h.date).filter((d) => d !== '').sort();
  return {
    shown: history.slice(0, Math.max(0, limit)),
    more: Math.max(0, history.length - Math.max(0, limit)),
    purchases: history.length,
    products: new Set(history.map((h) => h.product_id)).size,
    first: dates[0] ?? null,
    last: dates[dates.length - 1] ?? null,
  };
}

/** "12 purchases of 9 products, 3 Mar 2024 – 1 Jan 2025"; "No purchases yet." */
export function historyText(summary: HistorySummary, locale?: string): string {
  if (summary.purchases === 0) return 'No purchases yet.';
  const purchases = summary.purchases === 1 ? '1 purchase' : `${formatCount(summary.purchases, locale)} purchases`;
  const products = summary.products === 1 ? '1 product' : `${formatCount(summary.products, locale)} products`;
  return `${purchases} of ${products}, ${formatDateRange(summary.first, summary.last, locale)}`;
}

/** "and 4 more". */
export function moreText(more: number, locale?: string): string {
  return `and ${formatCount(more, locale)} more`;
}

/** What stands instead of a history when the picks are popular items. */
export function coldStartText(history: readonly PurchasedItem[]): string {
  return history.length === 0
    ? 'No purchases yet — popular and trending items instead.'
    : 'Nothing in their purchases leads to other products yet — popular and trending items instead.';
}

// -------------------------------------------------------------------- quiz
// The preference quiz only filters and reorders, on this computer, the
// cold-start picks the engine already sent: nothing is saved and the
// engine's ranking is not asked again.

export interface QuizAnswers {
  /** Keep picks in any of these categories (none: all). */
  categories: string[];
  /** One of the search price bands ("25–50"), or null for any price. */
  price: string | null;
  /** Style words as typed ("warm, waterproof"); matching picks come first. */
  words: string;
}

export function emptyQuiz(): QuizAnswers {
  return { categories: [], price: null, words: '' };
}

/** The style words of the answer: lower case, at least two letters, each once. */
export function styleWords(text: string): string[] {
  const words = text
    .toLowerCase()
    .split(/[\s,;/]+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w.length >= 2);
  return [...new Set(words)];
}

export function quizActive(answers: QuizAnswers): boolean {
  return answers.categories.length > 0 || answers.price !== null || styleWords(answers.words).length > 0;
}

/**
 * The categories the quiz offers: those of the picks (most picks first),
 * then the catalog's other categories (most products first), at most `max`;
 * each with how many of the picks are in it.
 */
export function quizCategories(
  picks: readonly Pick<Recommendation, 'category'>[],
  catalog: readonly FacetCount[],
  max = 12,
): Array<{ value: string; picks: number }> {
  const counts = new Map<string, number>();
  for (const p of picks) {
    if (p.category !== '') counts.set(p.category, (counts.get(p.category) ?? 0) + 1);
  }
  const fromPicks = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([value, n]) => ({ value, picks: n }));
  const fromCatalog = [...catalog]
    .filter((c) => c.value !== '' && !counts.has(c.value))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .map((c) => ({ value: c.value, picks: 0 }));
  return [...fromPicks, ...fromCatalog].slice(0, Math.max(0, max));
}

export interface QuizPick {
  item: Recommendation;
  /** The style words its title or category holds. */
  words: string[];
}

/** Whether a price is in a price band (a band that is not known keeps every price). */
export function inPriceBand(price: number | null, band: string | null): boolean {
  if (band === null) return true;
  const range = priceBandRange(band);
  if (!range) return true;
  if (price === null) return false;
  return price >= range.min && (range.max === null || price <= range.max);
}

/**
 * The picks that fit the answers: in a chosen category and the chosen price
 * band, those holding more style words first (otherwise in the engine's
 * order).
 */
export function applyQuiz(picks: readonly Recommendation[], answers: QuizAnswers): QuizPick[] {
  const words = styleWords(answers.words);
  const kept = picks
    .filter((p) => answers.categories.length === 0 || answers.categories.includes(p.category))
    .filter((p) => inPriceBand(p.price, answers.price))
    .map((item, order) => {
      const text = `${item.title} ${item.category}`.toLowerCase();
      return { item, words: words.filter((w) => text.includes(w)), order };
    });
  kept.sort((a, b) => b.words.length - a.words.length || a.order - b.order);
  return kept.map(({ item, words: matched }) => ({ item, words: matched }));
}

/** "3 of 8 picks fit your answers." */
export function quizResultText(shown: number, total: number, locale?: string): string {
  const n = formatCount(total, locale);
  if (shown === 0) {
    return total === 1 ? 'The pick does not fit your answers; try fewer.' : `None of the ${n} picks fit your answers; try fewer.`;
  }
  if (shown >= total) return total === 1 ? 'The pick fits your answers.' : `All ${n} picks fit your answers.`;
  return `${formatCount(shown, locale)} of ${n} picks fit your answers.`;
}
