import { describe, expect, it } from 'vitest';
import type { FilePreview } from './bindings';
import {
  NOTHING_IMPORTED,
  cellText,
  cellTitle,
  describeImportFailure,
  formatName,
  importButtonLabel,
  importable,
  mergePreviews,
  needsCurrency,
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
    expect(rowRejection({ line: '7', column: 42 })).toEqual({ file: null, line: 7, column: null, reason: null });
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
