import { describe, expect, it } from 'vitest';
import type { FilePreview, MappingField } from './bindings';
import {
  MAPPED_CATALOGUE_FORMAT,
  MAPPED_FORMAT,
  NOTHING_IMPORTED,
  fieldsOf,
  mappingKind,
  mappingKinds,
  rowPlace,
  rejectsSummary,
  unplacedColumns,
  cellText,
  cellTitle,
  cleanMapping,
  describeImportFailure,
  distinctMappings,
  formatName,
  importButtonLabel,
  importable,
  initialMapping,
  mappingNeed,
  mappingProblems,
  mergePreviews,
  needsCurrency,
  sameMapping,
  withMappings,
  progressFraction,
  rowRejection,
  splitPaths,
  stepLabel,
  utcToRfc3339,
} from './imports';

function preview(path: string, format: string | null, error: string | null = null): FilePreview {
  return {
    path,
    file_name: path.split('/').pop() ?? path,
    size_bytes: 100,
    format,
    format_label: format,
    columns: ['A'],
    rows: [['1']],
    error: error ? { code: error, message: `Problem: ${error}`, details: null } : null,
  };
}

describe('splitPaths', () => {
  it('takes one path per line, keeping spaces inside a path', () => {
    expect(splitPaths('  /data/My Exports/orders.csv \n\n/data/b.csv\n')).toEqual([
      '/data/My Exports/orders.csv',
      '/data/b.csv',
    ]);
  });

  it('removes quotes, decodes file URLs and drops repeats', () => {
    expect(splitPaths('"/a b/c.csv"\n\'/d.csv\'\nfile:///tmp/x%20y.csv\n/d.csv')).toEqual([
      '/a b/c.csv',
      '/d.csv',
      '/tmp/x y.csv',
    ]);
    expect(splitPaths('   ')).toEqual([]);
  });
});

describe('mergePreviews', () => {
  it('appends new files and refreshes known ones in place', () => {
    const a = preview('/a.csv', 'shopify_orders');
    const b = preview('/b.csv', null, 'unknown_format');
    const b2 = preview('/b.csv', 'returns');
    const c = preview('/c.csv', 'transactions');
    const merged = mergePreviews([a, b], [b2, c]);
    expect(merged.map((p) => p.path)).toEqual(['/a.csv', '/b.csv', '/c.csv']);
    expect(merged[1].format).toBe('returns');
  });
});

describe('import button and options', () => {
  const ok = preview('/a.csv', 'shopify_orders');
  const ok2 = preview('/t.csv', 'transactions');
  const bad = preview('/b.csv', null, 'unknown_format');
  const badTx = preview('/t2.csv', 'transactions', 'missing_columns');

  it('counts importable files and says how many are skipped', () => {
    expect(importButtonLabel([ok])).toBe('Import 1 file');
    expect(importButtonLabel([ok, ok2])).toBe('Import 2 files');
    expect(importButtonLabel([ok, bad])).toBe('Import 1 file (1 skipped)');
    expect(importButtonLabel([bad, badTx])).toBe('Nothing to import');
    expect(importButtonLabel([])).toBe('Import');
    expect(importable([ok, bad, ok2])).toEqual([ok, ok2]);
  });

  it('asks for a currency only for transaction lines that will be imported', () => {
    expect(needsCurrency([ok, ok2])).toBe(true);
    expect(needsCurrency([ok, badTx])).toBe(false);
    expect(needsCurrency([])).toBe(false);
  });
});

describe('progress', () => {
  it('names the steps', () => {
    expect(stepLabel('reading')).toBe('Reading…');
    expect(stepLabel('storing')).toBe('Storing…');
    expect(stepLabel('done')).toBe('Done');
    expect(stepLabel('indexing')).toBe('Indexing…');
  });

  it('is the share of files done, within 0..1', () => {
    expect(progressFraction(null)).toBe(0);
    expect(progressFraction({ file_name: 'a', step: 'reading', done: 1, total: 4 })).toBe(0.25);
    expect(progressFraction({ file_name: 'a', step: 'done', done: 5, total: 4 })).toBe(1);
    expect(progressFraction({ file_name: 'a', step: 'done', done: 0, total: 0 })).toBe(0);
  });
});

describe('describeImportFailure', () => {
  it('says plainly that a cancelled import changed nothing', () => {
    const f = describeImportFailure({ code: 'cancelled', message: 'Cancelled.', details: null });
    expect(f.title).toBe('Import cancelled');
    expect(f.message).toBe(NOTHING_IMPORTED);
  });

  it('locates the row that stopped a strict import', () => {
    const f = describeImportFailure({
      code: 'row_rejected',
      message: 'A row could not be read.',
      details: { file: 'orders.csv', line: 42, column: 'Total', reason: 'not a number: "abc"' },
    });
    expect(f.where).toBe('orders.csv · line 42 · column “Total”');
    expect(f.message).toBe(`not a number: "abc". ${NOTHING_IMPORTED}`);
  });

  it('falls back to the message when details are missing', () => {
    const f = describeImportFailure({ code: 'row_rejected', message: 'Bad row.', details: null });
    expect(f.where).toBeNull();
    expect(f.message).toBe(`Bad row. ${NOTHING_IMPORTED}`);
    const g = describeImportFailure({ code: 'no_workspace', message: 'No workspace is open', details: null });
    expect(g.message).toBe(`No workspace is open. ${NOTHING_IMPORTED}`);
  });

  it('reads row details defensively', () => {
    expect(rowRejection(null)).toBeNull();
    expect(rowRejection({})).toBeNull();
    expect(rowRejection({ line: '7', column: 42 })).toEqual({ file: null, line: 7, record: null, column: null, reason: null });
  });

  it('places a row at its line, with its record when a field above spans lines', () => {
    expect(rowPlace(12, 12)).toBe('12');
    expect(rowPlace(14, 12)).toBe('14 (record 12)');
    expect(rowPlace(9, null)).toBe('9');
    expect(rowPlace(null, 3)).toBe('record 3');
    expect(rowPlace(null, null)).toBe('—');
    const f = describeImportFailure({
      code: 'row_rejected',
      message: 'x',
      details: { file: 'orders.csv', line: 14, record: 12, column: 'Total', reason: 'expected an amount' },
    });
    expect(f.where).toBe('orders.csv · line 14 (record 12) · column “Total”');
  });
});

describe('formatName', () => {
  it('names known formats and makes unknown ids readable', () => {
    expect(formatName('shopify_orders')).toBe('Shopify orders export');
    expect(formatName('transactions')).toBe('Transaction lines');
    expect(formatName('loyalty_points')).toBe('Loyalty points');
    expect(formatName(null)).toBe('Not recognised');
  });
});

describe('cells', () => {
  it('shows null as an em dash and shortens long text', () => {
    expect(cellText(null)).toBe('—');
    expect(cellText('short')).toBe('short');
    expect(cellText('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(cellText('two\nlines')).toBe('two lines');
  });

  it('gives the full value as a tooltip only when it was changed', () => {
    expect(cellTitle(null)).toBeUndefined();
    expect(cellTitle('short')).toBeUndefined();
    expect(cellTitle('x'.repeat(50), 10)).toBe('x'.repeat(50));
  });
});

describe('utcToRfc3339', () => {
  it('marks history times as UTC', () => {
    expect(utcToRfc3339('2025-03-01 14:05:09')).toBe('2025-03-01T14:05:09Z');
    expect(utcToRfc3339('yesterday')).toBe('yesterday');
  });
});

describe('column mapping', () => {
  const sales = { kind: 'transactions', kind_label: 'Sales lines', or: null };
  const fields: MappingField[] = [
    { ...sales, name: 'invoice', label: 'Invoice', required: true },
    { ...sales, name: 'sku', label: 'SKU', required: true },
    { ...sales, name: 'quantity', label: 'Quantity', required: true },
    { ...sales, name: 'customer', label: 'Customer', required: false },
  ];
  const catalogue = { kind: 'catalogue', kind_label: 'Product catalogue' };
  const catalogueFields: MappingField[] = [
    { ...catalogue, name: 'handle', label: 'Product handle', required: true, or: 'sku' },
    { ...catalogue, name: 'sku', label: 'SKU', required: false, or: null },
    { ...catalogue, name: 'title', label: 'Title', required: true, or: null },
    { ...catalogue, name: 'stock', label: 'Stock on hand', required: false, or: null },
  ];
  const columns = ['order', 'item', 'qty', 'buyer'];

  function needing(path: string, details: unknown): FilePreview {
    return {
      ...preview(path, null),
      columns: [],
      rows: [],
      error: { code: 'needs_mapping', message: 'Needs a mapping', details },
    };
  }

  it('reads the details of a needs_mapping preview', () => {
    const p = needing('/d/x.parquet', {
      file: 'x.parquet',
      columns,
      suggestion: { invoice: 'order', sku: 'missing', quantity: 7 },
    });
    expect(mappingNeed(p)).toEqual({ file: 'x.parquet', columns, suggestion: { invoice: 'order' } });
    expect(mappingNeed(preview('/d/a.csv', 'transactions'))).toBeNull();
    expect(mappingNeed(preview('/d/b.csv', null, 'unknown_format'))).toBeNull();
    expect(mappingNeed(needing('/d/y.json', null))).toEqual({ file: null, columns: [], suggestion: {} });
  });

  it('starts from the suggestion, or a mapping confirmed before, each column once', () => {
    expect(initialMapping(fields, columns, { invoice: 'order', sku: 'item' })).toEqual({
      invoice: 'order',
      sku: 'item',
      quantity: '',
      customer: '',
    });
    expect(initialMapping(fields, columns, { invoice: 'order', sku: 'order' }).sku).toBe('');
    expect(initialMapping(fields, columns, { invoice: 'nope' }).invoice).toBe('');
    expect(initialMapping(fields, columns, { invoice: 'order' }, { invoice: 'item', quantity: 'qty' })).toEqual({
      invoice: 'item',
      sku: '',
      quantity: 'qty',
      customer: '',
    });
  });

  it('names missing required fields and columns used twice', () => {
    expect(mappingProblems(fields, { invoice: 'order', sku: 'item', quantity: 'qty', customer: '' })).toEqual([]);
    expect(mappingProblems(fields, { invoice: 'order', sku: '', quantity: 'qty' })).toEqual([
      'Choose a column for SKU.',
    ]);
    expect(mappingProblems(fields, { invoice: 'order', sku: 'item', quantity: 'qty', customer: 'order' })).toEqual([
      'Column “order” is chosen for both Invoice and Customer.',
    ]);
    expect(mappingProblems(fields, {})).toEqual(['Choose a column for Invoice, SKU, Quantity.']);
  });

  it('sends only fields with a column and compares mappings by content', () => {
    expect(cleanMapping({ customer: '', sku: 'item', invoice: 'order' }, fields)).toEqual({ invoice: 'order', sku: 'item' });
    expect(Object.keys(cleanMapping({ sku: 'item', invoice: 'order' }, fields))).toEqual(['invoice', 'sku']);
    expect(sameMapping({ invoice: 'order', customer: '' }, { invoice: 'order' })).toBe(true);
    expect(sameMapping({ invoice: 'order' }, { invoice: 'item' })).toBe(false);
    expect(sameMapping({ invoice: 'order' }, { invoice: 'order', sku: 'item' })).toBe(false);
    const a = { invoice: 'order', sku: 'item' };
    expect(distinctMappings({ '/x': a, '/y': { sku: 'item', invoice: 'order' } })).toEqual([a]);
    expect(distinctMappings({ '/x': a, '/y': { invoice: 'item', sku: 'order' } })).toHaveLength(2);
    expect(distinctMappings({})).toEqual([]);
  });

  it('counts a confirmed file as mapped transaction lines, to import with a currency', () => {
    const files = [needing('/d/x.parquet', { columns }), needing('/d/y.json', { columns }), preview('/d/a.csv', 'returns')];
    expect(importable(withMappings(files, {})).map((p) => p.path)).toEqual(['/d/a.csv']);
    expect(needsCurrency(withMappings(files, {}))).toBe(false);
    const mapped = withMappings(files, { '/d/x.parquet': { invoice: 'order' } });
    expect(mapped[0]).toMatchObject({ format: MAPPED_FORMAT, error: null });
    expect(mapped[1].error?.code).toBe('needs_mapping');
    expect(importable(mapped).map((p) => p.path)).toEqual(['/d/x.parquet', '/d/a.csv']);
    expect(importButtonLabel(mapped)).toBe('Import 2 files (1 skipped)');
    expect(needsCurrency(mapped)).toBe(true);
    // A mapping only applies to a file that needs one.
    expect(withMappings([preview('/d/a.csv', 'returns')], { '/d/a.csv': { invoice: 'order' } })[0].format).toBe('returns');
    expect(formatName(MAPPED_FORMAT)).toBe('Mapped: transaction lines');
  });

  it('tells sales lines from a catalogue, each with its own fields', () => {
    const all = [...fields, ...catalogueFields];
    expect(mappingKinds(all)).toEqual([
      { kind: 'transactions', label: 'Sales lines' },
      { kind: 'catalogue', label: 'Product catalogue' },
    ]);
    expect(fieldsOf(all, 'catalogue').map((f) => f.name)).toEqual(['handle', 'sku', 'title', 'stock']);
    expect(mappingKind({ kind: 'catalogue', sku: 'sku' })).toBe('catalogue');
    expect(mappingKind({ invoice: 'order' })).toBe('transactions');
    // The handle or, in its place, the SKU names the product.
    expect(mappingProblems(catalogueFields, { kind: 'catalogue', sku: 'sku', title: 'name' })).toEqual([]);
    expect(mappingProblems(catalogueFields, { kind: 'catalogue', title: 'name' })).toEqual([
      'Choose a column for Product handle or SKU.',
    ]);
    expect(unplacedColumns(['sku', 'name', 'qty', 'created_at'], { kind: 'catalogue', sku: 'sku', title: 'name' })).toEqual([
      'qty',
      'created_at',
    ]);
    const file = needing('/d/catalog_product.csv', { columns: ['sku', 'name'], suggestion: { kind: 'catalogue', sku: 'sku' } });
    expect(mappingNeed(file)?.suggestion).toEqual({ kind: 'catalogue', sku: 'sku' });
    const mapped = withMappings([file], { '/d/catalog_product.csv': { kind: 'catalogue', sku: 'sku', title: 'name' } });
    expect(mapped[0]).toMatchObject({ format: MAPPED_CATALOGUE_FORMAT, error: null });
    expect(needsCurrency(mapped)).toBe(false);
    expect(formatName(MAPPED_CATALOGUE_FORMAT)).toBe('Mapped: product catalogue');
  });

  it('describes a rejected mapping', () => {
    const failure = describeImportFailure({ code: 'bad_mapping', message: 'Column "x" is not in the file', details: null });
    expect(failure.title).toBe('The column mapping cannot be used');
    expect(failure.message).toBe(`Column "x" is not in the file. ${NOTHING_IMPORTED}`);
  });
});

describe('rejectsSummary', () => {
  const at = (line: number, record: number | null = null) => ({ line, record });
  it('counts rows, not the cells listed for them', () => {
    // Line 4 has two bad cells: two entries, one row.
    expect(rejectsSummary([at(4), at(4), at(9)], 2, 'orders.csv', 'en-US')).toBe('2 rows of orders.csv set aside:');
    expect(rejectsSummary([at(4)], 1, 'orders.csv', 'en-US')).toBe('1 row of orders.csv set aside:');
  });
  it('says when only the first rows are listed', () => {
    const listed = Array.from({ length: 500 }, (_, i) => at(i + 2));
    expect(rejectsSummary(listed, 1200, 'big.csv', 'en-US')).toBe('1,200 rows of big.csv set aside, the first 500 listed:');
  });
  it('tells rows apart by record when fields hold line breaks', () => {
    expect(rejectsSummary([at(5, 3), at(5, 3), at(7, 4)], 2, 'a.csv', 'en-US')).toBe('2 rows of a.csv set aside:');
  });
});
