import { describe, expect, it } from 'vitest';
import type {
  Bundle,
  CustomerSummary,
  MethodScore,
  PurchasedItem,
  Recommendation,
  RecommendEvaluation,
  RecommendSettings,
  SizeAdvice,
} from './bindings';
import {
  DEFAULT_EVAL_K,
  DEFAULT_RECOMMEND_SETTINGS,
  HISTORY_SHOWN,
  PRODUCT_OPTIONS,
  QUIZ_DEBOUNCE_MS,
  applyQuiz,
  blockProduct,
  bundleBelowTarget,
  bundleMarginText,
  bundleSaving,
  coldStartText,
  customerLine,
  discountText,
  draftAfterListChange,
  draftChanged,
  draftFromSettings,
  emptyEvalDraft,
  emptyListText,
  emptyQuiz,
  evalComparisonText,
  evalMethods,
  evalRequestFromDraft,
  evalTimingText,
  evalWindowText,
  figuresOf,
  formatLiftTimes,
  formatShare,
  handleOverlap,
  handlesText,
  hasSizeAdvice,
  hiddenText,
  historySummary,
  historyText,
  inPriceBand,
  isPinnedItem,
  marginText,
  methodRows,
  moreText,
  noBundleText,
  ordersText,
  parseHandles,
  pinProduct,
  preferenceQuiz,
  productSearchRequest,
  quizActive,
  quizCategories,
  quizPicksText,
  quizResultText,
  reasonsOf,
  returnedText,
  rulesSummary,
  settingsFromDraft,
  sizeNotes,
  sizeRows,
  stockText,
  styleWords,
  unpinProduct,
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
      'In stock only · no minimum margin · at most 3 per category · bought together from 3 orders · 8 per list · meaning 70%, co-purchase 30% · bundles 10% off, margin at least 30%',
    );
    expect(rulesSummary(settings({ in_stock_only: false, min_margin: 0.2, min_support: 1 }), L)).toContain(
      'Out-of-stock items allowed · margin at least 20%',
    );
    expect(
      rulesSummary(settings({ novelty_share: 0.25, pinned: ['a'], blocked: ['b', 'c'], bundle_discount: 0.15 }), L),
    ).toContain('meaning 70%, co-purchase 30% · 25% of each list for new arrivals · 1 pinned product · 2 blocked products · bundles 15% off');
  });

  it('says how many candidates the rules left out, and by what', () => {
    expect(hiddenText(0, settings(), L)).toBe('Your rules left no candidate out');
    expect(hiddenText(1, settings(), L)).toBe(
      '1 candidate left out by your rules (out of stock, more than 3 of one category)',
    );
    expect(hiddenText(1500, settings({ in_stock_only: false, min_margin: 0.25 }), L)).toBe(
      '1,500 candidates left out by your rules (margin below 25%, more than 3 of one category)',
    );
    expect(hiddenText(2, settings({ blocked: ['x'] }), L)).toBe(
      '2 candidates left out by your rules (blocked, out of stock, more than 3 of one category)',
    );
  });

  it('explains an empty list', () => {
    const s = settings({ min_support: 5 });
    expect(emptyListText('together', { settings: s, productOrders: 12 }, L)).toBe(
      'Not bought with other products more often than chance yet (in at least 5 orders).',
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
    const s = settings({
      min_margin: 0.3,
      content_weight: 0.55,
      limit: 12,
      novelty_share: 0.25,
      pinned: ['wool-socks', 'rain-hat'],
      blocked: ['gift-card'],
      bundle_discount: 0.15,
      bundle_min_margin: 0.35,
    });
    const draft = draftFromSettings(s);
    expect(draft).toEqual({
      in_stock_only: true,
      min_margin: '30',
      per_category_cap: '3',
      min_support: '3',
      limit: '12',
      content_weight: '0.55',
      novelty_share: '25',
      bundle_discount: '15',
      bundle_min_margin: '35',
      pinned: 'wool-socks\nrain-hat',
      blocked: 'gift-card',
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

  it('keeps the novelty share, bundle discount and bundle margin between 0 and 100%', () => {
    const base = draftFromSettings(settings());
    const read = (over: Partial<typeof base>) => settingsFromDraft({ ...base, ...over });
    for (const key of ['novelty_share', 'bundle_discount', 'bundle_min_margin'] as const) {
      expect(read({ [key]: '-1' }).errors[key]).toMatch(/0 to 100/);
      expect(read({ [key]: '100.5' }).errors[key]).toBeTruthy();
      expect(read({ [key]: '' }).errors[key]).toBeTruthy();
      expect(read({ [key]: 'ten' }).errors[key]).toBeTruthy();
      expect(read({ [key]: '0' }).settings?.[key]).toBe(0);
      expect(read({ [key]: '100' }).settings?.[key]).toBe(1);
    }
    const ok = read({ novelty_share: '12,5', bundle_discount: '20%', bundle_min_margin: '40' }).settings;
    expect(ok?.novelty_share).toBeCloseTo(0.125);
    expect(ok?.bundle_discount).toBeCloseTo(0.2);
    expect(ok?.bundle_min_margin).toBeCloseTo(0.4);
  });

  it('reads pinned and blocked handles one per line or separated by commas', () => {
    expect(parseHandles(' wool-socks \n\nrain-hat, gift-card,,\r\nwool-socks ')).toEqual([
      'wool-socks',
      'rain-hat',
      'gift-card',
    ]);
    expect(parseHandles('   ')).toEqual([]);
    expect(parseHandles('Trail-Jacket')).toEqual(['Trail-Jacket']);
    expect(handlesText(['a', 'b'])).toBe('a\nb');
    const draft = { ...draftFromSettings(settings()), pinned: 'a, b', blocked: 'c\n' };
    expect(settingsFromDraft(draft).settings).toMatchObject({ pinned: ['a', 'b'], blocked: ['c'] });
    expect(handleOverlap(['a', 'b', 'c'], ['c', 'a'])).toEqual(['a', 'c']);
    expect(handleOverlap(['a'], [])).toEqual([]);
  });

  it('does not count the same handles written another way as a change', () => {
    const s = settings({ pinned: ['a', 'b'] });
    const draft = draftFromSettings(s);
    expect(draftChanged({ ...draft, pinned: 'a, b\n' }, s)).toBe(false);
    expect(draftChanged({ ...draft, pinned: 'b\na' }, s)).toBe(true);
    expect(draftChanged({ ...draft, blocked: 'x' }, s)).toBe(true);
    expect(draftChanged({ ...draft, novelty_share: '10' }, s)).toBe(true);
  });
});

describe('pin and block from a list', () => {
  it('pins a product once, and takes it off the blocked list', () => {
    const s = settings({ pinned: ['a'], blocked: ['b'] });
    expect(pinProduct(s, 'b')).toMatchObject({ pinned: ['a', 'b'], blocked: [] });
    expect(pinProduct(s, 'a').pinned).toEqual(['a']);
    expect(unpinProduct(s, 'a').pinned).toEqual([]);
    expect(s).toEqual(settings({ pinned: ['a'], blocked: ['b'] }));
  });

  it('blocks a product once, and takes it off the pinned list', () => {
    const s = settings({ pinned: ['a'], blocked: ['b'] });
    expect(blockProduct(s, 'a')).toMatchObject({ pinned: [], blocked: ['b', 'a'] });
    expect(blockProduct(s, 'b').blocked).toEqual(['b']);
    expect(blockProduct(s, 'c')).toMatchObject({ limit: s.limit, content_weight: s.content_weight });
  });

  it('keeps unsaved edits of the form but takes the saved handles', () => {
    const stored = settings({ pinned: ['a', 'z'], limit: 8 });
    const typed = { ...draftFromSettings(settings()), limit: '20', pinned: 'old' };
    expect(draftAfterListChange(typed, true, stored)).toMatchObject({ limit: '20', pinned: 'a\nz', blocked: '' });
    expect(draftAfterListChange(typed, false, stored)).toEqual(draftFromSettings(stored));
    expect(draftAfterListChange(null, true, stored)).toEqual(draftFromSettings(stored));
  });

  it('knows a pinned item by its reason', () => {
    expect(isPinnedItem(rec({ why: ['Pinned by you', 'Bought with X in 4 orders'] }))).toBe(true);
    expect(isPinnedItem(rec({ why: [' Pinned by you '] }))).toBe(true);
    expect(isPinnedItem(rec())).toBe(false);
    expect(isPinnedItem(rec({ why: ['Not pinned by you at all'] }))).toBe(false);
  });
});

describe('bundle', () => {
  const bundle: Bundle = {
    items: [rec({ product_id: 'boot', price: 150 }), rec({ product_id: 'socks', price: 20 })],
    list_price: 170,
    discount: 0.1,
    price: 153,
    margin: 0.34,
    why: ['Products most often bought with it, each in stock and of another category'],
  };

  it('states the margin, or what is missing to know it', () => {
    expect(bundleMarginText(0.342, L)).toBe('34%');
    expect(bundleMarginText(null, L)).toBe('unknown — add costs to your export');
    expect(discountText(0.1, L)).toBe('10% off');
    expect(discountText(0.125, L)).toBe('13% off');
    expect(bundleSaving(bundle)).toBeCloseTo(17);
    expect(bundleSaving({ list_price: 10, price: 12 })).toBe(0);
  });

  it('compares the margin with the target', () => {
    expect(bundleBelowTarget(bundle, settings())).toBe(false);
    expect(bundleBelowTarget(bundle, settings({ bundle_min_margin: 0.4 }))).toBe(true);
    expect(bundleBelowTarget({ margin: 0.3 }, settings({ bundle_min_margin: 0.3 }))).toBe(false);
    expect(bundleBelowTarget({ margin: null }, settings({ bundle_min_margin: 0.9 }))).toBe(false);
  });

  it('says which rules no bundle meets', () => {
    expect(noBundleText(settings({ bundle_min_margin: 0.35, bundle_discount: 0.15 }), L)).toBe(
      'No bundle meets the rules: its other items must be bought with this product, in stock, of another category, and keep the bundle’s margin at or above 35% after the 15% discount.',
    );
  });
});

describe('size advice', () => {
  const advice: SizeAdvice[] = [
    { size: 'S', sold: 20, too_small: 1, too_large: 0, advice: null },
    {
      size: 'M',
      sold: 40,
      too_small: 7,
      too_large: 1,
      advice: 'Customers who bought this in M often returned it for being small (7 of 40)',
    },
    { size: 'XL', sold: 0, too_small: 0, too_large: 2, advice: '  ' },
  ];

  it('shows the table only when some size has advice', () => {
    expect(hasSizeAdvice(advice)).toBe(true);
    expect(hasSizeAdvice(advice.filter((a) => a.size !== 'M'))).toBe(false);
    expect(hasSizeAdvice([])).toBe(false);
  });

  it('keeps the engine’s order and adds return shares', () => {
    const rows = sizeRows(advice);
    expect(rows.map((r) => r.size)).toEqual(['S', 'M', 'XL']);
    expect(rows[1].smallShare).toBeCloseTo(0.175);
    expect(rows[1].largeShare).toBeCloseTo(0.025);
    expect(rows[2].largeShare).toBe(0);
    expect(returnedText(7, 0.175, L)).toBe('7 (18%)');
    expect(returnedText(1, 0.025, L)).toBe('1 (2.5%)');
    expect(returnedText(0, 0, L)).toBe('0');
  });

  it('lists the advice sentences', () => {
    expect(sizeNotes(advice)).toEqual([
      { size: 'M', text: 'Customers who bought this in M often returned it for being small (7 of 40)' },
    ]);
  });
});

describe('offline evaluation', () => {
  const method = (name: string, over: Partial<MethodScore> = {}): MethodScore => ({
    method: name,
    hit_rate: 0.2,
    ndcg: 0.1,
    coverage: 0.3,
    popularity_percentile: 0.7,
    ...over,
  });
  const evaluation = (over: Partial<RecommendEvaluation> = {}): RecommendEvaluation => ({
    customers: 512,
    k: 10,
    methods: [
      method('Personal picks', { hit_rate: 0.234, ndcg: 0.121, coverage: 0.34, popularity_percentile: 0.62 }),
      method('Best sellers (popularity)', { hit_rate: 0.156, ndcg: 0.08, coverage: 0.005, popularity_percentile: 0.99 }),
    ],
    build_ms: 1234,
    request_p50_ms: 0.42,
    request_p95_ms: 1.1,
    took_ms: 12_400,
    ...over,
  });

  it('sends empty dates as the engine’s default and k as a whole number from 1 to 100', () => {
    expect(evalRequestFromDraft(emptyEvalDraft())).toEqual({
      request: { cutoff: null, end: null, k: DEFAULT_EVAL_K },
      errors: {},
    });
    expect(evalRequestFromDraft({ cutoff: ' 2024-09-01 ', end: '2024-12-31', k: '20' }).request).toEqual({
      cutoff: '2024-09-01',
      end: '2024-12-31',
      k: 20,
    });
    expect(evalRequestFromDraft({ cutoff: '', end: '', k: '' }).request?.k).toBe(10);
    for (const k of ['0', '101', '2.5', 'ten', '-3']) {
      const r = evalRequestFromDraft({ cutoff: '', end: '', k });
      expect(r.request).toBeNull();
      expect(r.errors.k).toMatch(/1 to 100/);
    }
    // A date the engine cannot read is left for it to refuse (invalid_settings).
    expect(evalRequestFromDraft({ cutoff: 'first of May', end: '', k: '10' }).request?.cutoff).toBe('first of May');
  });

  it('says which window the evaluation tests on', () => {
    expect(evalWindowText({ cutoff: '', end: '' }, L)).toBe(
      'Tested on the last 100 days of orders, trained on everything before them.',
    );
    expect(evalWindowText({ cutoff: '2024-09-01', end: '' }, L)).toBe(
      'Trained on the orders before Sep 1, 2024, tested on those from then until the last order.',
    );
    expect(evalWindowText({ cutoff: '2024-09-01', end: '2024-12-31' }, L)).toContain('until Dec 31, 2024.');
    expect(evalWindowText({ cutoff: '', end: '2024-12-31' }, L)).toBe(
      'Tested on the 100 days of orders up to Dec 31, 2024, trained on everything before them.',
    );
  });

  it('finds personal picks and the best-seller yardstick', () => {
    const { personal, baseline } = evalMethods(evaluation().methods);
    expect(personal?.method).toBe('Personal picks');
    expect(baseline?.method).toBe('Best sellers (popularity)');
    const swapped = evalMethods([method('Best sellers'), method('Personal picks')]);
    expect(swapped.personal?.method).toBe('Personal picks');
    expect(swapped.baseline?.method).toBe('Best sellers');
    expect(evalMethods([method('Personal picks')]).baseline).toBeNull();
  });

  it('puts every figure of the table as a percentage', () => {
    const rows = methodRows(evaluation(), L);
    expect(rows.map((r) => [r.method, r.personal, r.hitRate, r.ndcg, r.coverage, r.popularity])).toEqual([
      ['Personal picks', true, '23.4%', '12.1%', '34.0%', '62.0%'],
      ['Best sellers (popularity)', false, '15.6%', '8.0%', '0.5%', '99.0%'],
    ]);
  });

  it('compares personal picks with best sellers in a sentence', () => {
    expect(evalComparisonText(evaluation(), L)).toBe(
      'Personal picks beat best sellers: they found a later purchase for 23.4% of the 512 customers, against 15.6% — 1.5 times as often (HR@10). ' +
        'Personal picks drew on 34.0% of the catalogue, best sellers on 0.5%; their items were less popular on average (popularity 62.0% against 99.0%).',
    );
    const worse = evaluation({
      k: 5,
      methods: [method('Personal picks', { hit_rate: 0.1 }), method('Best sellers', { hit_rate: 0.12 })],
    });
    expect(evalComparisonText(worse, L)).toMatch(
      /^Best sellers did better here: they found a later purchase for 12\.0% of the 512 customers, against 10\.0% with personal picks \(HR@5\)\./,
    );
    const tie = evaluation({ methods: [method('Personal picks'), method('Best sellers')] });
    expect(evalComparisonText(tie, L)).toMatch(/^Personal picks and best sellers did equally well: each found a later purchase for 20\.0%/);
    const none = evaluation({ methods: [method('Personal picks', { hit_rate: 0.05 }), method('Best sellers', { hit_rate: 0 })] });
    expect(evalComparisonText(none, L)).toContain('where best sellers found none');
    expect(evalComparisonText(evaluation({ customers: 0 }), L)).toMatch(/^No customer bought both before and after the cutoff/);
    expect(evalComparisonText(evaluation({ methods: [method('Personal picks')] }), L)).toMatch(/nothing to compare/);
  });

  it('reports the time to build the model and to answer a request', () => {
    expect(evalTimingText(evaluation(), L)).toBe(
      'Model built in 1.2 s · picks for a customer in 0.4 ms (median), 1 ms (95th percentile) · 12 s in all',
    );
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

describe('preference quiz', () => {
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

  it('asks the engine for the categories, the price band as a range and the style words', () => {
    expect(preferenceQuiz(emptyQuiz())).toEqual({ categories: [], price_min: null, price_max: null, words: '' });
    const answers = { categories: ['Hats', 'Gloves'], price: '25–50', words: '  warm,   waterproof\n linen ' };
    expect(preferenceQuiz(answers)).toEqual({
      categories: ['Hats', 'Gloves'],
      price_min: 25,
      price_max: 49.995,
      words: 'warm, waterproof linen',
    });
    expect(preferenceQuiz(answers).categories).not.toBe(answers.categories);
    expect(preferenceQuiz({ ...emptyQuiz(), price: 'under 25' })).toMatchObject({ price_min: 0, price_max: 24.995 });
    expect(preferenceQuiz({ ...emptyQuiz(), price: '200 and more' })).toMatchObject({ price_min: 200, price_max: null });
    expect(preferenceQuiz({ ...emptyQuiz(), price: 'not a band' })).toMatchObject({ price_min: null, price_max: null });
    expect(preferenceQuiz({ ...emptyQuiz(), categories: ['Hats'], words: ' x ; ' }).words).toBe('');
    expect(QUIZ_DEBOUNCE_MS).toBe(300);
  });

  it('says how many picks the answers gave', () => {
    expect(quizPicksText(6, true, L)).toBe('Your answers gave 6 picks, closest in meaning to your style words first.');
    expect(quizPicksText(1, false, L)).toBe('Your answers gave 1 pick, most popular first.');
    expect(quizPicksText(1200, false, L)).toBe('Your answers gave 1,200 picks, most popular first.');
    expect(quizPicksText(0, true, L)).toBe('No product fits your answers under your rules; try fewer.');
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

  it('without the model, filters the popular picks by category and price, style-word matches first', () => {
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
