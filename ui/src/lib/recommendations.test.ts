import { describe, expect, it } from 'vitest';
import type { CustomerSummary, PurchasedItem, Recommendation, RecommendSettings } from './bindings';
import {
  DEFAULT_RECOMMEND_SETTINGS,
  HISTORY_SHOWN,
  PRODUCT_OPTIONS,
  applyQuiz,
  coldStartText,
  customerLine,
  draftChanged,
  draftFromSettings,
  emptyListText,
  emptyQuiz,
  figuresOf,
  formatLiftTimes,
  formatShare,
  hiddenText,
  historySummary,
  historyText,
  inPriceBand,
  marginText,
  moreText,
  ordersText,
  productSearchRequest,
  quizActive,
  quizCategories,
  quizResultText,
  reasonsOf,
  rulesSummary,
  settingsFromDraft,
  stockText,
  styleWords,
} from './recommendations';

const L = 'en-US';

function rec(over: Partial<Recommendation> = {}): Recommendation {
  return {
    product_id: 'p1',
    title: 'Trail Jacket',
    category: 'Jackets',
    price: 120,
    in_stock: true,
    margin: 0.42,
    score: 0.8,
    why: ['Similar to Rain Shell (similarity 0.83)'],
    support: null,
    confidence: null,
    lift: null,
    ...over,
  };
}

function settings(over: Partial<RecommendSettings> = {}): RecommendSettings {
  return { ...DEFAULT_RECOMMEND_SETTINGS, ...over };
}

describe('product picker', () => {
  it('searches the catalog for what was typed, a few matches, no filters', () => {
    const r = productSearchRequest('  wool socks ');
    expect(r.query).toBe('wool socks');
    expect(r.limit).toBe(PRODUCT_OPTIONS);
    expect(r.mode).toBe('hybrid');
    expect(r.filters).toEqual({ categories: [], vendors: [], price_min: null, price_max: null, in_stock_only: false });
    expect(productSearchRequest('').query).toBe('');
  });
});

describe('figures and reasons of an item', () => {
  it('formats shares and lifts', () => {
    expect(formatShare(0.342, L)).toBe('34%');
    expect(formatShare(0.045, L)).toBe('4.5%');
    expect(formatShare(0, L)).toBe('0%');
    expect(formatShare(Number.NaN, L)).toBe('—');
    expect(formatLiftTimes(2.137, L)).toBe('2.1×');
    expect(formatLiftTimes(12.6, L)).toBe('13×');
    expect(formatLiftTimes(Number.POSITIVE_INFINITY, L)).toBe('—');
    expect(ordersText(1, L)).toBe('1 order');
    expect(ordersText(1204, L)).toBe('1,204 orders');
  });

  it('gives the bought-together figures the engine sent, none for other lists', () => {
    expect(figuresOf(rec(), L)).toEqual([]);
    const figures = figuresOf(rec({ support: 12, confidence: 0.34, lift: 2.14 }), L);
    expect(figures.map((f) => [f.key, f.label, f.text, f.value])).toEqual([
      ['support', 'Support', '12', 12],
      ['confidence', 'Confidence', '34%', 0.34],
      ['lift', 'Lift', '2.1×', 2.14],
    ]);
    expect(figures[0].hint).toBe('Bought together in 12 orders');
  });

  it('keeps the reasons as written, without blank ones', () => {
    expect(reasonsOf(rec({ why: ['  Bought with X in 4 orders ', '', '   '] }))).toEqual(['Bought with X in 4 orders']);
  });

  it('says margin and stock in words', () => {
    expect(marginText(0.42, L)).toBe('Margin 42%');
    expect(marginText(null, L)).toBeNull();
    expect(stockText(true)).toBe('In stock');
    expect(stockText(false)).toBe('Out of stock');
  });
});

describe('rules in words', () => {
  it('summarises the rules in force', () => {
    expect(rulesSummary(settings(), L)).toBe(
      'In stock only · no minimum margin · at most 3 per category · bought together from 3 orders · 8 per list · meaning 70%, co-purchase 30%',
    );
    expect(rulesSummary(settings({ in_stock_only: false, min_margin: 0.2, min_support: 1 }), L)).toContain(
      'Out-of-stock items allowed · margin at least 20%',
    );
  });

  it('says how many candidates the rules left out, and by what', () => {
    expect(hiddenText(0, settings(), L)).toBe('Your rules left no candidate out');
    expect(hiddenText(1, settings(), L)).toBe(
      '1 candidate left out by your rules (out of stock, more than 3 of one category)',
    );
    expect(hiddenText(1500, settings({ in_stock_only: false, min_margin: 0.25 }), L)).toBe(
      '1,500 candidates left out by your rules (margin below 25%, more than 3 of one category)',
    );
  });

  it('explains an empty list', () => {
    const s = settings({ min_support: 5 });
    expect(emptyListText('together', { settings: s, productOrders: 12 }, L)).toBe(
      'Not bought with other products often enough yet (minimum 5 orders).',
    );
    expect(emptyListText('together', { settings: s, productOrders: 0 }, L)).toBe(
      'Not in any order yet, so nothing is bought with it.',
    );
    expect(emptyListText('together', { settings: s, productOrders: 3, hidden: 2 }, L)).toContain('loosen them');
    expect(emptyListText('similar', { settings: s, embedded: 0, products: 40, modelUnavailable: true }, L)).toMatch(
      /embedding model is not available/,
    );
    expect(emptyListText('similar', { settings: s, embedded: 10, products: 40 }, L)).toBe(
      'No similar items yet: they are found by meaning, and 10 of 40 products are embedded so far.',
    );
    expect(emptyListText('similar', { settings: s, embedded: 40, products: 40 }, L)).toBe('No similar items to show.');
    expect(emptyListText('picks', { settings: s, hidden: 3 }, L)).toMatch(/^No picks to show\. Your rules/);
  });
});

describe('rules form', () => {
  it('turns settings into a draft and back', () => {
    const s = settings({ min_margin: 0.3, content_weight: 0.55, limit: 12 });
    const draft = draftFromSettings(s);
    expect(draft).toEqual({
      in_stock_only: true,
      min_margin: '30',
      per_category_cap: '3',
      min_support: '3',
      limit: '12',
      content_weight: '0.55',
    });
    expect(settingsFromDraft(draft)).toEqual({ settings: s, errors: {} });
    expect(draftChanged(draft, s)).toBe(false);
    expect(draftChanged({ ...draft, limit: '13' }, s)).toBe(true);
  });

  it('reads an empty margin as none, and accepts a decimal comma and a percent sign', () => {
    const draft = { ...draftFromSettings(settings()), min_margin: ' ', content_weight: '0,4' };
    expect(settingsFromDraft(draft).settings).toMatchObject({ min_margin: null, content_weight: 0.4 });
    expect(settingsFromDraft({ ...draft, min_margin: '12.5%' }).settings?.min_margin).toBeCloseTo(0.125);
    expect(settingsFromDraft({ ...draft, min_margin: '-10' }).settings?.min_margin).toBeCloseTo(-0.1);
  });

  it('refuses what the engine refuses', () => {
    const base = draftFromSettings(settings());
    const errors = (over: Partial<typeof base>) => settingsFromDraft({ ...base, ...over });
    expect(errors({ min_margin: '100' }).errors.min_margin).toMatch(/below 100/);
    expect(errors({ min_margin: 'abc' }).errors.min_margin).toBeTruthy();
    expect(errors({ min_margin: '-100.5' }).errors.min_margin).toBeTruthy();
    expect(errors({ content_weight: '1.1' }).errors.content_weight).toMatch(/0 .*1/);
    expect(errors({ content_weight: '' }).errors.content_weight).toBeTruthy();
    expect(errors({ limit: '0' }).errors.limit).toMatch(/1 to 50/);
    expect(errors({ limit: '51' }).errors.limit).toBeTruthy();
    expect(errors({ limit: '2.5' }).errors.limit).toBeTruthy();
    expect(errors({ per_category_cap: '0' }).errors.per_category_cap).toBeTruthy();
    expect(errors({ min_support: '' }).errors.min_support).toBeTruthy();
    const bad = errors({ limit: '0', min_support: '0' });
    expect(bad.settings).toBeNull();
    expect(Object.keys(bad.errors).sort()).toEqual(['limit', 'min_support']);
    expect(errors({ limit: '50', content_weight: '0', per_category_cap: '1', min_support: '1', min_margin: '99.9' }).settings).not.toBeNull();
  });
});

describe('customers and their history', () => {
  const customer: CustomerSummary = {
    customer_id: 'e:3f9a0c1b2d',
    label: 'Customer e:3f9a0c1b · 5 orders, last 2025-03-03',
    orders: 5,
    last_order: '2025-03-03',
    country: 'DE',
  };

  it('adds the full id and country to the label, no personal data', () => {
    expect(customerLine(customer)).toBe('Id e:3f9a0c1b2d · DE');
    expect(customerLine({ ...customer, country: null })).toBe('Id e:3f9a0c1b2d');
  });

  const purchase = (product_id: string, date: string): PurchasedItem => ({ product_id, title: product_id, date });

  it('lists the most recent purchases first and counts the rest', () => {
    const history = Array.from({ length: 14 }, (_, i) =>
      purchase(`p${i % 9}`, `2025-01-${String(28 - i).padStart(2, '0')}`),
    );
    const summary = historySummary(history);
    expect(summary.shown).toHaveLength(HISTORY_SHOWN);
    expect(summary.shown[0].date).toBe('2025-01-28');
    expect(summary.more).toBe(4);
    expect(summary.purchases).toBe(14);
    expect(summary.products).toBe(9);
    expect(summary.first).toBe('2025-01-15');
    expect(summary.last).toBe('2025-01-28');
    expect(historyText(summary, L)).toBe('14 purchases of 9 products, Jan 15, 2025 – Jan 28, 2025');
    expect(moreText(summary.more, L)).toBe('and 4 more');
  });

  it('handles short and empty histories', () => {
    const one = historySummary([purchase('p1', '2024-06-01')]);
    expect(one.more).toBe(0);
    expect(historyText(one, L)).toBe('1 purchase of 1 product, Jun 1, 2024');
    const none = historySummary([]);
    expect(none).toMatchObject({ shown: [], more: 0, purchases: 0, first: null, last: null });
    expect(historyText(none, L)).toBe('No purchases yet.');
  });

  it('says why the picks are popular items', () => {
    expect(coldStartText([])).toBe('No purchases yet — popular and trending items instead.');
    expect(coldStartText([purchase('p1', '2024-06-01')])).toMatch(/popular and trending items instead/);
  });
});

describe('preference quiz (client-side)', () => {
  const picks = [
    rec({ product_id: 'a', title: 'Merino Beanie', category: 'Hats', price: 22 }),
    rec({ product_id: 'b', title: 'Waterproof Trail Jacket', category: 'Jackets', price: 140 }),
    rec({ product_id: 'c', title: 'Linen Shirt', category: 'Shirts', price: 45 }),
    rec({ product_id: 'd', title: 'Warm Waterproof Gloves', category: 'Gloves', price: 35 }),
    rec({ product_id: 'e', title: 'Gift Card', category: '', price: null }),
    rec({ product_id: 'f', title: 'Rain Hat', category: 'Hats', price: 30 }),
  ];

  it('reads style words', () => {
    expect(styleWords(' Warm, waterproof;  a  "linen" / warm ')).toEqual(['warm', 'waterproof', 'linen']);
    expect(styleWords('')).toEqual([]);
  });

  it('is off until something is answered', () => {
    expect(quizActive(emptyQuiz())).toBe(false);
    expect(quizActive({ ...emptyQuiz(), words: ' x ' })).toBe(false);
    expect(quizActive({ ...emptyQuiz(), words: 'wool' })).toBe(true);
    expect(quizActive({ ...emptyQuiz(), price: '25–50' })).toBe(true);
    expect(quizActive({ ...emptyQuiz(), categories: ['Hats'] })).toBe(true);
  });

  it('offers the picks’ categories first, then the catalog’s', () => {
    const options = quizCategories(picks, [
      { value: 'Socks', count: 40 },
      { value: 'Hats', count: 10 },
      { value: 'Bags', count: 60 },
      { value: '', count: 3 },
    ]);
    expect(options).toEqual([
      { value: 'Hats', picks: 2 },
      { value: 'Gloves', picks: 1 },
      { value: 'Jackets', picks: 1 },
      { value: 'Shirts', picks: 1 },
      { value: 'Bags', picks: 0 },
      { value: 'Socks', picks: 0 },
    ]);
    expect(quizCategories(picks, [], 2)).toHaveLength(2);
  });

  it('keeps prices within the band', () => {
    expect(inPriceBand(30, '25–50')).toBe(true);
    expect(inPriceBand(24.99, '25–50')).toBe(false);
    expect(inPriceBand(50, '25–50')).toBe(false);
    expect(inPriceBand(500, '200 and more')).toBe(true);
    expect(inPriceBand(null, '25–50')).toBe(false);
    expect(inPriceBand(null, null)).toBe(true);
    expect(inPriceBand(10, 'not a band')).toBe(true);
  });

  it('filters by category and price, and puts style-word matches first', () => {
    const ids = (answers: Parameters<typeof applyQuiz>[1]) => applyQuiz(picks, answers).map((p) => p.item.product_id);
    expect(ids(emptyQuiz())).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(ids({ ...emptyQuiz(), categories: ['Hats', 'Gloves'] })).toEqual(['a', 'd', 'f']);
    expect(ids({ ...emptyQuiz(), price: '25–50' })).toEqual(['c', 'd', 'f']);
    expect(ids({ ...emptyQuiz(), categories: ['Hats'], price: '25–50' })).toEqual(['f']);
    const worded = applyQuiz(picks, { ...emptyQuiz(), words: 'waterproof warm' });
    expect(worded.map((p) => p.item.product_id)).toEqual(['d', 'b', 'a', 'c', 'e', 'f']);
    expect(worded[0].words).toEqual(['waterproof', 'warm']);
    expect(worded[2].words).toEqual([]);
    expect(ids({ ...emptyQuiz(), words: 'hats' })).toEqual(['a', 'f', 'b', 'c', 'd', 'e']);
  });

  it('says how many picks fit', () => {
    expect(quizResultText(3, 8, L)).toBe('3 of 8 picks fit your answers.');
    expect(quizResultText(8, 8, L)).toBe('All 8 picks fit your answers.');
    expect(quizResultText(0, 8, L)).toBe('None of the 8 picks fit your answers; try fewer.');
    expect(quizResultText(1, 1, L)).toBe('The pick fits your answers.');
    expect(quizResultText(0, 1, L)).toBe('The pick does not fit your answers; try fewer.');
  });
});
