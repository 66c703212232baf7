// Wording, numbers and client-side logic of the Recommendations screen,
// kept out of the component so they can be tested on their own (see
// recommendations.test.ts): the product picker's request, figures and
// reasons of an item, empty-list sentences, the rules form (validated the
// way the engine validates it) with pinned and blocked products, the bundle
// and size advice of a product, the purchase-history summary, the
// preference quiz and the offline evaluation. No Svelte and no backend here.

import type {
  Bundle,
  CustomerSummary,
  FacetCount,
  MethodScore,
  PreferenceQuiz,
  PurchasedItem,
  Recommendation,
  RecommendEvalRequest,
  RecommendEvaluation,
  RecommendSettings,
  SearchRequest,
  SizeAdvice,
} from './bindings';
import { formatCount, formatDate, formatDateRange, formatDuration, formatPercent, resolveLocale } from './format';
import { buildRequest, emptyFilters, formatLatency, parseNumber, priceBandRange } from './search';

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
  novelty_share: 0,
  pinned: [],
  blocked: [],
  bundle_discount: 0.1,
  bundle_min_margin: 0.3,
};

/** The reason the engine puts first on a pinned product. */
export const PINNED_REASON = 'Pinned by you';

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

/** Whether the engine put the item first because the merchant pinned it. */
export function isPinnedItem(item: Pick<Recommendation, 'why'>): boolean {
  return item.why.some((r) => r.trim() === PINNED_REASON);
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
  if (s.novelty_share > 0) parts.push(`${formatShare(s.novelty_share, locale)} of each list for new arrivals`);
  if (s.pinned.length > 0) parts.push(countText(s.pinned.length, 'pinned product', 'pinned products', locale));
  if (s.blocked.length > 0) parts.push(countText(s.blocked.length, 'blocked product', 'blocked products', locale));
  parts.push(
    `bundles ${formatShare(s.bundle_discount, locale)} off, margin at least ${formatShare(s.bundle_min_margin, locale)}`,
  );
  return parts.join(' · ');
}

/** "1 pinned product", "3 pinned products". */
function countText(n: number, one: string, many: string, locale?: string): string {
  return n === 1 ? `1 ${one}` : `${formatCount(n, locale)} ${many}`;
}

/** What can leave a candidate out under these rules: "out of stock, margin below 20%, category cap". */
function ruleCauses(s: RecommendSettings, locale?: string): string {
  const causes: string[] = [];
  if (s.blocked.length > 0) causes.push('blocked');
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
      return `Not bought with other products more often than chance yet (in at least ${ordersText(ctx.settings.min_support, locale)}).${rules}`;
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
  /** Percent of each list kept for new arrivals, 0–100. */
  novelty_share: string;
  /** Percent off a bundle's list price, 0–100. */
  bundle_discount: string;
  /** Percent, 0–100: the margin a bundle keeps after its discount. */
  bundle_min_margin: string;
  /** Product handles, one per line (commas separate them too). */
  pinned: string;
  blocked: string;
}

export type RulesErrors = Partial<Record<keyof RulesDraft, string>>;

/** A number as typed in a field (no grouping, no float noise such as 30.000000000000004). */
function numberText(value: number): string {
  return String(Number(value.toFixed(6)));
}

/**
 * Product handles as typed: one per line or separated by commas, blanks
 * dropped, each once (first place kept). Case is kept: a handle must match
 * the product's exactly.
 */
export function parseHandles(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[\n\r,]+/)) {
    const handle = part.trim();
    if (handle !== '' && !seen.has(handle)) {
      seen.add(handle);
      out.push(handle);
    }
  }
  return out;
}

/** Handles as the form shows them, one per line. */
export function handlesText(handles: readonly string[]): string {
  return handles.join('\n');
}

/** Handles both pinned and blocked (blocked wins in the engine: they are never shown). */
export function handleOverlap(pinned: readonly string[], blocked: readonly string[]): string[] {
  const out = new Set(blocked);
  return pinned.filter((h) => out.has(h));
}

export function draftFromSettings(settings: RecommendSettings): RulesDraft {
  return {
    in_stock_only: settings.in_stock_only,
    min_margin: settings.min_margin === null ? '' : numberText(settings.min_margin * 100),
    per_category_cap: numberText(settings.per_category_cap),
    min_support: numberText(settings.min_support),
    limit: numberText(settings.limit),
    content_weight: numberText(settings.content_weight),
    novelty_share: numberText(settings.novelty_share * 100),
    bundle_discount: numberText(settings.bundle_discount * 100),
    bundle_min_margin: numberText(settings.bundle_min_margin * 100),
    pinned: handlesText(settings.pinned),
    blocked: handlesText(settings.blocked),
  };
}

/**
 * The settings the form describes, or null and a message per field out of
 * range. The ranges are the engine's: a margin below 100%, a weight from 0
 * to 1, 1 to 50 items per list, a category cap and a minimum support of at
 * least 1 (whole numbers), and the novelty share, bundle discount and
 * bundle margin target from 0 to 100%.
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

  const share = (key: 'novelty_share' | 'bundle_discount' | 'bundle_min_margin'): number => {
    const n = parseNumber(draft[key]);
    if (n === null || Number.isNaN(n) || n < 0 || n > 100) {
      errors[key] = 'A percentage from 0 to 100.';
      return Number.NaN;
    }
    return n / 100;
  };
  const novelty = share('novelty_share');
  const discount = share('bundle_discount');
  const bundleMargin = share('bundle_min_margin');

  if (Object.keys(errors).length > 0) return { settings: null, errors };
  return {
    settings: {
      in_stock_only: draft.in_stock_only,
      min_margin: margin === null ? null : margin / 100,
      per_category_cap: cap,
      min_support: support,
      limit,
      content_weight: weight as number,
      novelty_share: novelty,
      pinned: parseHandles(draft.pinned),
      blocked: parseHandles(draft.blocked),
      bundle_discount: discount,
      bundle_min_margin: bundleMargin,
    },
    errors,
  };
}

/** The draft with its handle lists written the way the form shows stored ones. */
function normalisedDraft(draft: RulesDraft): RulesDraft {
  return {
    ...draft,
    pinned: handlesText(parseHandles(draft.pinned)),
    blocked: handlesText(parseHandles(draft.blocked)),
  };
}

/** True when the form differs from the stored settings (handle lists compared as lists). */
export function draftChanged(draft: RulesDraft, settings: RecommendSettings): boolean {
  return JSON.stringify(normalisedDraft(draft)) !== JSON.stringify(draftFromSettings(settings));
}

// ------------------------------------------------------- pin and block

/** The rules with a product pinned (shown first wherever it may appear), and no longer blocked. */
export function pinProduct(settings: RecommendSettings, productId: string): RecommendSettings {
  return {
    ...settings,
    pinned: settings.pinned.includes(productId) ? [...settings.pinned] : [...settings.pinned, productId],
    blocked: settings.blocked.filter((h) => h !== productId),
  };
}

/** The rules without a product among the pinned. */
export function unpinProduct(settings: RecommendSettings, productId: string): RecommendSettings {
  return { ...settings, pinned: settings.pinned.filter((h) => h !== productId) };
}

/** The rules with a product blocked (never recommended), and no longer pinned. */
export function blockProduct(settings: RecommendSettings, productId: string): RecommendSettings {
  return {
    ...settings,
    pinned: settings.pinned.filter((h) => h !== productId),
    blocked: settings.blocked.includes(productId) ? [...settings.blocked] : [...settings.blocked, productId],
  };
}

/**
 * The form after pinned or blocked products were saved from a list: the
 * stored rules when the form held no unsaved change, otherwise the typed
 * values with the stored handle lists.
 */
export function draftAfterListChange(
  draft: RulesDraft | null,
  wasDirty: boolean,
  stored: RecommendSettings,
): RulesDraft {
  if (!draft || !wasDirty) return draftFromSettings(stored);
  return { ...draft, pinned: handlesText(stored.pinned), blocked: handlesText(stored.blocked) };
}

// ----------------------------------------------------------------- bundle

/** "Margin 34%" of a bundle, or what to do when a cost is missing. */
export function bundleMarginText(margin: number | null, locale?: string): string {
  return margin === null || !Number.isFinite(margin)
    ? 'unknown — add costs to your export'
    : formatShare(margin, locale);
}

/** "10% off". */
export function discountText(discount: number, locale?: string): string {
  return `${formatShare(discount, locale)} off`;
}

/** What the customer saves on the bundle (list price minus bundle price), never below zero. */
export function bundleSaving(bundle: Pick<Bundle, 'list_price' | 'price'>): number {
  return Math.max(0, bundle.list_price - bundle.price);
}

/** Whether the bundle's margin falls short of the target (false when unknown). */
export function bundleBelowTarget(bundle: Pick<Bundle, 'margin'>, settings: RecommendSettings): boolean {
  return bundle.margin !== null && bundle.margin < settings.bundle_min_margin - 1e-9;
}

/** Why the product has no bundle, under these rules. */
export function noBundleText(settings: RecommendSettings, locale?: string): string {
  return (
    'No bundle meets the rules: its other items must be bought with this product, in stock, of another ' +
    `category, and keep the bundle’s margin at or above ${formatShare(settings.bundle_min_margin, locale)} ` +
    `after the ${formatShare(settings.bundle_discount, locale)} discount.`
  );
}

// ------------------------------------------------------------- size advice

export interface SizeRow extends SizeAdvice {
  /** Returned for being too small, as a share of those sold in the size. */
  smallShare: number;
  largeShare: number;
}

/** Whether any size carries advice (the table is shown only then). */
export function hasSizeAdvice(advice: readonly SizeAdvice[]): boolean {
  return advice.some((a) => a.advice !== null && a.advice.trim() !== '');
}

/** The sizes in the engine's order, with return shares. */
export function sizeRows(advice: readonly SizeAdvice[]): SizeRow[] {
  return advice.map((a) => ({
    ...a,
    smallShare: a.sold > 0 ? a.too_small / a.sold : 0,
    largeShare: a.sold > 0 ? a.too_large / a.sold : 0,
  }));
}

/** The advice sentences, in the engine's order. */
export function sizeNotes(advice: readonly SizeAdvice[]): Array<{ size: string; text: string }> {
  return advice
    .filter((a) => a.advice !== null && a.advice.trim() !== '')
    .map((a) => ({ size: a.size, text: (a.advice as string).trim() }));
}

/** "7 (18%)"; "0" when none came back. */
export function returnedText(count: number, share: number, locale?: string): string {
  return count === 0 ? '0' : `${formatCount(count, locale)} (${formatShare(share, locale)})`;
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
// The preference quiz seeds the picks of a customer without purchases: the
// answers go to the engine (`recommend_for_preferences`), which ranks the
// products of the chosen categories and price band by closeness in meaning
// to the style words (by popularity without words), under the merchant's
// rules. Nothing is saved. When the embedding model cannot be used, the
// answers filter and reorder the popular picks already shown instead
// (`applyQuiz`).

/** Wait after the last answer before asking the engine. */
export const QUIZ_DEBOUNCE_MS = 300;

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

/**
 * The engine's request for the answers: the categories, the price band as
 * a price range (open above for the top band; none for any price or a value
 * that is not a band) and the style words as typed, tidied (none when they
 * hold no word of two letters or more).
 */
export function preferenceQuiz(answers: QuizAnswers): PreferenceQuiz {
  const range = answers.price === null ? null : priceBandRange(answers.price);
  const words = styleWords(answers.words).length > 0 ? answers.words.trim().replace(/\s+/g, ' ') : '';
  return {
    categories: [...answers.categories],
    price_min: range ? range.min : null,
    price_max: range ? range.max : null,
    words,
  };
}

/** What the engine's picks for the answers are: "Your answers gave 6 picks, closest in meaning to your style words first." */
export function quizPicksText(shown: number, words: boolean, locale?: string): string {
  if (shown <= 0) return 'No product fits your answers under your rules; try fewer.';
  const picks = shown === 1 ? '1 pick' : `${formatCount(shown, locale)} picks`;
  return `Your answers gave ${picks}, ${words ? 'closest in meaning to your style words' : 'most popular'} first.`;
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
 * The popular picks that fit the answers, worked out here when the engine
 * cannot rank by meaning (no embedding model): in a chosen category and the
 * chosen price band, those whose name or category holds more style words
 * first (otherwise in the engine's order).
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

// -------------------------------------------------------------- evaluation
// The offline evaluation: the model is trained on the orders before a
// cutoff and asked for each customer's picks; a hit is a pick the customer
// bought between the cutoff and the end. Best sellers are the yardstick.

/** List length the evaluation scores by default (HR@10, NDCG@10). */
export const DEFAULT_EVAL_K = 10;

/** The engine scores lists of 1 to this many items. */
export const MAX_EVAL_K = 100;

/** The evaluation form, as typed. Dates `YYYY-MM-DD`; empty for the default. */
export interface EvalDraft {
  cutoff: string;
  end: string;
  k: string;
}

export type EvalErrors = Partial<Record<keyof EvalDraft, string>>;

export function emptyEvalDraft(): EvalDraft {
  return { cutoff: '', end: '', k: String(DEFAULT_EVAL_K) };
}

/**
 * The request the form describes. Dates go to the engine as typed (empty:
 * its default), which refuses one it cannot read (`invalid_settings`);
 * k is a whole number from 1 to 100, 10 when empty.
 */
export function evalRequestFromDraft(draft: EvalDraft): { request: RecommendEvalRequest | null; errors: EvalErrors } {
  const errors: EvalErrors = {};
  const k = parseNumber(draft.k);
  if (k !== null && (Number.isNaN(k) || !Number.isInteger(k) || k < 1 || k > MAX_EVAL_K)) {
    errors.k = `A whole number from 1 to ${MAX_EVAL_K}.`;
  }
  if (Object.keys(errors).length > 0) return { request: null, errors };
  const date = (text: string) => (text.trim() === '' ? null : text.trim());
  return { request: { cutoff: date(draft.cutoff), end: date(draft.end), k: k ?? DEFAULT_EVAL_K }, errors };
}

/** The split the form asks for, in words. */
export function evalWindowText(draft: Pick<EvalDraft, 'cutoff' | 'end'>, locale?: string): string {
  const cutoff = draft.cutoff.trim();
  const end = draft.end.trim();
  if (cutoff === '' && end === '') {
    return 'Tested on the last 100 days of orders, trained on everything before them.';
  }
  if (cutoff === '') {
    return `Tested on the 100 days of orders up to ${formatDate(end, locale)}, trained on everything before them.`;
  }
  const until = end === '' ? 'the last order' : formatDate(end, locale);
  return `Trained on the orders before ${formatDate(cutoff, locale)}, tested on those from then until ${until}.`;
}

/** Personal picks and the best-seller yardstick among the methods scored (by name, else by place). */
export function evalMethods(methods: readonly MethodScore[]): {
  personal: MethodScore | null;
  baseline: MethodScore | null;
} {
  const baseline = methods.find((m) => /best.?seller|popular/i.test(m.method)) ?? methods[1] ?? null;
  const personal = methods.find((m) => m !== baseline && /personal/i.test(m.method)) ??
    methods.find((m) => m !== baseline) ??
    null;
  return { personal, baseline };
}

export interface MethodRow {
  method: string;
  /** Personal picks (the method the screen recommends with). */
  personal: boolean;
  hitRate: string;
  ndcg: string;
  coverage: string;
  popularity: string;
  score: MethodScore;
}

/** The methods table, in the engine's order, every figure as a percentage. */
export function methodRows(evaluation: Pick<RecommendEvaluation, 'methods'>, locale?: string): MethodRow[] {
  const { personal } = evalMethods(evaluation.methods);
  return evaluation.methods.map((m) => ({
    method: m.method,
    personal: m === personal,
    hitRate: formatPercent(m.hit_rate, locale),
    ndcg: formatPercent(m.ndcg, locale),
    coverage: formatPercent(m.coverage, locale),
    popularity: formatPercent(m.popularity_percentile, locale),
    score: m,
  }));
}

function times(ratio: number, locale?: string): string {
  return `${number(ratio, ratio >= 10 ? 0 : 1, locale)} times`;
}

/** Hit rates this close count as the same. */
const SAME = 0.0005;

/**
 * One sentence (or two) comparing personal picks with best sellers: who
 * found more later purchases (HR@k), by how much, and how broad and how
 * popular the picks were.
 */
export function evalComparisonText(evaluation: RecommendEvaluation, locale?: string): string {
  if (evaluation.customers === 0) {
    return (
      'No customer bought both before and after the cutoff, so there is nothing to compare. ' +
      'Choose an earlier cutoff or a longer test window.'
    );
  }
  const { personal, baseline } = evalMethods(evaluation.methods);
  if (!personal || !baseline) return 'Only one method was scored, so there is nothing to compare it with.';
  const k = evaluation.k;
  const who = evaluation.customers === 1 ? 'the 1 customer' : `the ${formatCount(evaluation.customers, locale)} customers`;
  const p = formatPercent(personal.hit_rate, locale);
  const b = formatPercent(baseline.hit_rate, locale);
  let first: string;
  if (Math.abs(personal.hit_rate - baseline.hit_rate) < SAME) {
    first = `Personal picks and best sellers did equally well: each found a later purchase for ${p} of ${who} (HR@${k}).`;
  } else if (personal.hit_rate > baseline.hit_rate) {
    const how =
      baseline.hit_rate > 0 ? `${times(personal.hit_rate / baseline.hit_rate, locale)} as often` : 'where best sellers found none';
    first = `Personal picks beat best sellers: they found a later purchase for ${p} of ${who}, against ${b} — ${how} (HR@${k}).`;
  } else {
    first = `Best sellers did better here: they found a later purchase for ${b} of ${who}, against ${p} with personal picks (HR@${k}).`;
  }
  const popular = personal.popularity_percentile <= baseline.popularity_percentile ? 'less' : 'more';
  const second =
    `Personal picks drew on ${formatPercent(personal.coverage, locale)} of the catalogue, best sellers on ` +
    `${formatPercent(baseline.coverage, locale)}; their items were ${popular} popular on average ` +
    `(popularity ${formatPercent(personal.popularity_percentile, locale)} against ${formatPercent(baseline.popularity_percentile, locale)}).`;
  return `${first} ${second}`;
}

/** "Model built in 1.2 s · picks for a customer in 0.4 ms (median), 1.1 ms (95th percentile) · 12 s in all". */
export function evalTimingText(
  evaluation: Pick<RecommendEvaluation, 'build_ms' | 'request_p50_ms' | 'request_p95_ms' | 'took_ms'>,
  locale?: string,
): string {
  return [
    `Model built in ${formatDuration(evaluation.build_ms, locale)}`,
    `picks for a customer in ${formatLatency(evaluation.request_p50_ms, locale)} (median), ` +
      `${formatLatency(evaluation.request_p95_ms, locale)} (95th percentile)`,
    `${formatDuration(evaluation.took_ms, locale)} in all`,
  ].join(' · ');
}
