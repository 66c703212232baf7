import { describe, expect, it } from 'vitest';
import type { SearchFilters, SearchSettings } from './bindings';
import {
  PRICE_BANDS,
  buildRequest,
  coverageText,
  displayableImage,
  draftFromSettings,
  embedActivity,
  embedCounts,
  embedFraction,
  embedProgressText,
  emptyFilters,
  facetOptions,
  formatLatency,
  hasFilters,
  hiddenText,
  liveCoverage,
  parseNumber,
  pendingItems,
  priceBandLabel,
  priceBandRange,
  resultsText,
  selectedPriceBand,
  settingsFromDraft,
  skuBadge,
  stockLabel,
  togglePriceBand,
  toggleValue,
} from './search';

const filters = (over: Partial<SearchFilters> = {}): SearchFilters => ({ ...emptyFilters(), ...over });

describe('price bands', () => {
  it('maps each band of the engine to a price range', () => {
    expect(priceBandRange('under 25')).toEqual({ min: 0, max: 24.995 });
    expect(priceBandRange('25–50')).toEqual({ min: 25, max: 49.995 });
    expect(priceBandRange('50–100')).toEqual({ min: 50, max: 99.995 });
    expect(priceBandRange('100–200')).toEqual({ min: 100, max: 199.995 });
    expect(priceBandRange('200 and more')).toEqual({ min: 200, max: null });
  });

  it('knows nothing of other values (a hyphen is not the en dash)', () => {
    expect(priceBandRange('25-50')).toBeNull();
    expect(priceBandRange('')).toBeNull();
  });

  it('toggles a band on, switches bands, and toggles it off', () => {
    let f = togglePriceBand(filters({ vendors: ['Acme'] }), '25–50');
    expect(f).toEqual(filters({ vendors: ['Acme'], price_min: 25, price_max: 49.995 }));
    expect(selectedPriceBand(f)).toBe('25–50');
    f = togglePriceBand(f, '200 and more');
    expect([f.price_min, f.price_max]).toEqual([200, null]);
    expect(selectedPriceBand(f)).toBe('200 and more');
    f = togglePriceBand(f, '200 and more');
    expect([f.price_min, f.price_max]).toEqual([null, null]);
    expect(selectedPriceBand(f)).toBeNull();
  });

  it('does not take an unrelated price filter for a band', () => {
    expect(selectedPriceBand({ price_min: 10, price_max: 20 })).toBeNull();
    expect(selectedPriceBand({ price_min: null, price_max: null })).toBeNull();
  });

  it('labels bands with a capital', () => {
    expect(PRICE_BANDS.map((b) => priceBandLabel(b.value))).toEqual([
      'Under 25',
      '25–50',
      '50–100',
      '100–200',
      '200 and more',
    ]);
  });
});

describe('requests', () => {
  it('trims the query and copies the filter lists', () => {
    const f = filters({ categories: ['Jackets'], in_stock_only: true });
    const request = buildRequest({ query: '  warm jacket ', mode: 'hybrid', filters: f, limit: 20 });
    expect(request).toEqual({
      query: 'warm jacket',
      mode: 'hybrid',
      limit: 20,
      filters: { categories: ['Jackets'], vendors: [], price_min: null, price_max: null, in_stock_only: true },
    });
    expect(request.filters.categories).not.toBe(f.categories);
  });

  it('keeps the limit a whole positive number', () => {
    const base = { query: '', mode: 'keyword' as const, filters: filters() };
    expect(buildRequest({ ...base, limit: 0 }).limit).toBe(1);
    expect(buildRequest({ ...base, limit: 40.7 }).limit).toBe(40);
    expect(buildRequest({ ...base, limit: Number.NaN }).limit).toBe(20);
  });

  it('toggles values in a list', () => {
    expect(toggleValue(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggleValue(['a', 'b'], 'a')).toEqual(['b']);
  });

  it('tells when filters narrow the results', () => {
    expect(hasFilters(filters())).toBe(false);
    expect(hasFilters(filters({ vendors: ['x'] }))).toBe(true);
    expect(hasFilters(filters({ price_min: 0 }))).toBe(true);
    expect(hasFilters(filters({ in_stock_only: true }))).toBe(true);
  });

  it('keeps a selected facet value the counts no longer list', () => {
    const counts = [
      { value: 'Jackets', count: 12 },
      { value: 'Boots', count: 3 },
    ];
    expect(facetOptions(counts, ['Boots'])).toEqual(counts);
    expect(facetOptions(counts, ['Hats'])).toEqual([...counts, { value: 'Hats', count: 0 }]);
  });
});

describe('display', () => {
  it('describes stock', () => {
    expect(stockLabel({ stock: 12, in_stock: true }, 'en-US')).toEqual({ text: '12 in stock', out: false });
    expect(stockLabel({ stock: 4100, in_stock: true }, 'en-US')).toEqual({ text: '4,100 in stock', out: false });
    expect(stockLabel({ stock: null, in_stock: true })).toEqual({ text: 'In stock', out: false });
    expect(stockLabel({ stock: 0, in_stock: false })).toEqual({ text: 'Out of stock', out: true });
    expect(stockLabel({ stock: -2, in_stock: true })).toEqual({ text: 'Out of stock', out: true });
  });

  it('badges an exact match, else the SKU a word matched', () => {
    const hit = { exact_match: null, matched_terms: [], skus: ['SKU-1042-S', 'SKU-1042-M'] };
    expect(skuBadge(hit)).toBeNull();
    expect(skuBadge({ ...hit, exact_match: 'SKU SKU-1042-S' })).toEqual({ text: 'Exact SKU SKU-1042-S', exact: true });
    const term = { term: 'sku-1042-m', matched: 'sku-1042-m', field: 'sku', typos: 0 };
    expect(skuBadge({ ...hit, matched_terms: [term] })).toEqual({ text: 'SKU SKU-1042-M', exact: false });
    const title = { term: 'jacket', matched: 'jacket', field: 'title', typos: 0 };
    expect(skuBadge({ ...hit, matched_terms: [title] })).toBeNull();
  });

  it('counts results and hidden products', () => {
    expect(resultsText(1)).toBe('1 result');
    expect(resultsText(1204, 'en-US')).toBe('1,204 results');
    expect(resultsText(0)).toBe('0 results');
    expect(hiddenText(3, 'en-US')).toBe('3 hidden by your rules');
  });

  it('formats latency', () => {
    expect(formatLatency(0.42, 'en-US')).toBe('0.4 ms');
    expect(formatLatency(12.6, 'en-US')).toBe('13 ms');
    expect(formatLatency(1530, 'en-US')).toBe('1.5 s');
    expect(formatLatency(Number.NaN)).toBe('—');
  });

  it('shows only images the app may load (nothing from the network)', () => {
    expect(displayableImage(null)).toBeNull();
    expect(displayableImage('https://cdn.example.com/a.jpg')).toBeNull();
    expect(displayableImage('data:image/png;base64,AAAA')).toBe('data:image/png;base64,AAAA');
    expect(displayableImage('data:text/html,<b>')).toBeNull();
  });
});

describe('embedding progress', () => {
  const coverage = [
    { kind: 'product', label: 'products', embedded: 1000, total: 1500 },
    { kind: 'kb_chunk', label: 'knowledge-base passages', embedded: 0, total: 300 },
    { kind: 'support_message', label: 'support messages', embedded: 20, total: 20 },
  ];

  it('says what is being embedded', () => {
    expect(embedProgressText({ kind: 'product', label: 'products', done: 640, total: 4100 }, 'en-US')).toBe(
      'Embedding products… 640 / 4,100',
    );
    expect(embedProgressText(null)).toBe('Preparing to embed…');
    const p = { kind: 'kb_chunk', label: 'knowledge-base passages', done: 64, total: 1000 };
    expect(embedActivity(p)).toBe('Embedding knowledge-base passages…');
    expect(embedCounts(p, 'en-US')).toBe('64 / 1,000');
    expect(embedCounts(null)).toBe('');
  });

  it('computes the share done', () => {
    expect(embedFraction(null)).toBe(0);
    expect(embedFraction({ kind: 'product', label: 'products', done: 50, total: 200 })).toBe(0.25);
    expect(embedFraction({ kind: 'product', label: 'products', done: 5, total: 0 })).toBe(0);
    expect(embedFraction({ kind: 'product', label: 'products', done: 300, total: 200 })).toBe(1);
  });

  it('counts what is left, and fills kinds in order as a run goes', () => {
    expect(pendingItems(coverage)).toBe(800);
    expect(liveCoverage(coverage, 0)).toEqual(coverage);
    expect(liveCoverage(coverage, 200).map((c) => c.embedded)).toEqual([1200, 0, 20]);
    expect(liveCoverage(coverage, 640).map((c) => c.embedded)).toEqual([1500, 140, 20]);
    expect(liveCoverage(coverage, 5000).map((c) => c.embedded)).toEqual([1500, 300, 20]);
  });

  it('states coverage in words', () => {
    expect(coverageText({ embedded: 1200, total: 1500, label: 'products' }, 'en-US')).toBe(
      '1,200 of 1,500 products embedded',
    );
  });
});

describe('search rules form', () => {
  const settings: SearchSettings = {
    fusion: { method: 'rrf', k: 60, keyword_weight: 1, semantic_weight: 1 },
    out_of_stock: 'demote',
    min_margin: 0.3,
    boosts: [{ field: 'vendor', value: 'Acme', factor: 1.5 }],
    pins: [{ query: 'gift', product_ids: ['p1'] }],
    blocked: ['p9'],
    min_similarity: 0.3,
  };

  it('reads settings into the form without float noise', () => {
    expect(draftFromSettings(settings)).toEqual({
      out_of_stock: 'demote',
      min_margin: '30',
      method: 'rrf',
      k: '60',
      keyword_weight: '1',
      semantic_weight: '1',
      alpha: '0.5',
      min_similarity: '0.3',
    });
    const blend = draftFromSettings({ ...settings, fusion: { method: 'blend', alpha: 0.7 }, min_margin: null });
    expect([blend.method, blend.alpha, blend.k, blend.min_margin]).toEqual(['blend', '0.7', '60', '']);
  });

  it('round-trips, keeping boosts, pins and blocked products', () => {
    const back = settingsFromDraft(draftFromSettings(settings), settings);
    expect(back.errors).toEqual({});
    expect(back.settings).toEqual(settings);
  });

  it('turns the form into settings', () => {
    const draft = {
      ...draftFromSettings(settings),
      out_of_stock: 'hide' as const,
      min_margin: ' 12,5 % ',
      method: 'blend' as const,
      alpha: '0.25',
      min_similarity: '.4',
    };
    const { settings: out, errors } = settingsFromDraft(draft, settings);
    expect(errors).toEqual({});
    expect(out).toEqual({
      ...settings,
      out_of_stock: 'hide',
      min_margin: 0.125,
      fusion: { method: 'blend', alpha: 0.25 },
      min_similarity: 0.4,
    });
  });

  it('leaves the minimum margin out when the field is empty', () => {
    const { settings: out } = settingsFromDraft({ ...draftFromSettings(settings), min_margin: '' }, settings);
    expect(out?.min_margin).toBeNull();
  });

  it('names each value out of range', () => {
    const draft = {
      ...draftFromSettings(settings),
      min_margin: '100',
      k: '0',
      keyword_weight: '-1',
      semantic_weight: 'x',
      min_similarity: '',
    };
    const { settings: out, errors } = settingsFromDraft(draft, settings);
    expect(out).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['k', 'keyword_weight', 'min_margin', 'min_similarity', 'semantic_weight']);
    const blend = settingsFromDraft({ ...draftFromSettings(settings), method: 'blend', alpha: '1.5', k: 'ignored' }, settings);
    expect(Object.keys(blend.errors)).toEqual(['alpha']);
  });

  it('parses numbers as people type them', () => {
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('  ')).toBeNull();
    expect(parseNumber('30')).toBe(30);
    expect(parseNumber('-5.5')).toBe(-5.5);
    expect(parseNumber('0,35')).toBe(0.35);
    expect(parseNumber('25%')).toBe(25);
    expect(parseNumber('1e3')).toBeNaN();
    expect(parseNumber('abc')).toBeNaN();
  });
});
