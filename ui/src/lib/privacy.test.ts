import { describe, expect, it } from 'vitest';
import type { ErasureReport, PersonalDataItem, PersonalDataReport } from './bindings';
import {
  canFind,
  countOf,
  customerQuery,
  erasedSentence,
  isCustomerNotFound,
  notFoundText,
  personalDataRows,
  personalDataSummary,
  plainTextRows,
  previewSentence,
  rowsInTables,
  storesPersonalData,
  tableName,
} from './privacy';

function item(over: Partial<PersonalDataItem> = {}): PersonalDataItem {
  return { table: 'customers', column: 'email', label: 'Customer e-mails', hashed: 0, plain: 0, note: null, ...over };
}

function report(items: PersonalDataItem[], customers = 0): PersonalDataReport {
  return { hashing: true, customers, items };
}

function erasure(over: Partial<ErasureReport> = {}): ErasureReport {
  return {
    customer_id: 'c-1042',
    label: 'Customer 1042',
    dry_run: true,
    tables: [
      { table: 'orders', rows: 12 },
      { table: 'order_lines', rows: 9 },
      { table: 'customers', rows: 1 },
      { table: 'support_messages', rows: 1 },
    ],
    total_rows: 23,
    ...over,
  };
}

describe('counts in words', () => {
  it('uses the singular only for one', () => {
    expect(countOf(1, 'row', 'rows', 'en-US')).toBe('1 row');
    expect(countOf(0, 'row', 'rows', 'en-US')).toBe('0 rows');
    expect(countOf(12345, 'row', 'rows', 'en-US')).toBe('12,345 rows');
  });

  it('says rows and tables together', () => {
    expect(rowsInTables(23, 4, 'en-US')).toBe('23 rows in 4 tables');
    expect(rowsInTables(1, 1, 'en-US')).toBe('1 row in 1 table');
  });

  it('turns table names into words', () => {
    expect(tableName('support_messages')).toBe('Support messages');
    expect(tableName('orders')).toBe('Orders');
    expect(tableName('order-lines')).toBe('Order lines');
    expect(tableName('')).toBe('');
  });
});

describe('what personal data is stored', () => {
  it('keeps the engine order and marks plain-text values', () => {
    const rows = personalDataRows(
      report([
        item({ hashed: 900, plain: 0 }),
        item({ column: 'phone', label: 'Customer phones', hashed: 500, plain: 12, note: '  Imported with hashing off.  ' }),
        item({ table: 'orders', column: 'shipping_address', label: 'Shipping addresses', hashed: 3, note: '   ' }),
      ]),
    );
    expect(rows.map((r) => r.key)).toEqual(['customers.email', 'customers.phone', 'orders.shipping_address']);
    expect(rows.map((r) => r.plainText)).toEqual([false, true, false]);
    expect(rows[1].note).toBe('Imported with hashing off.');
    expect(rows[2].note).toBeNull();
    expect(rows[1]).toMatchObject({ table: 'customers', column: 'phone', hashed: 500, plain: 12 });
  });

  it('tells an empty workspace from one holding only hashes', () => {
    expect(storesPersonalData(report([]))).toBe(false);
    expect(storesPersonalData(report([item(), item({ column: 'phone' })]))).toBe(false);
    expect(storesPersonalData(report([item({ hashed: 1 })]))).toBe(true);
    expect(storesPersonalData(report([item({ plain: 1 })]))).toBe(true);
  });

  it('sums plain-text values over every item', () => {
    expect(plainTextRows([item({ plain: 3 }), item({ plain: 0, hashed: 10 }), item({ plain: 4 })])).toBe(7);
    expect(plainTextRows([])).toBe(0);
  });

  it('summarises customers and readable values', () => {
    expect(personalDataSummary(report([]), 'en-US')).toBe('No customers. Nothing personal is stored yet.');
    expect(personalDataSummary(report([item()], 40), 'en-US')).toBe('40 customers on record, with or without orders. Nothing personal is stored yet.');
    expect(personalDataSummary(report([item({ hashed: 1204 })], 1204), 'en-US')).toBe(
      '1,204 customers on record, with or without orders. All their personal data is stored as keyed hashes.',
    );
    expect(personalDataSummary(report([item({ hashed: 5, plain: 1 })], 1), 'en-US')).toBe(
      '1 customer on record, with or without orders. 1 value is stored in plain text.',
    );
    expect(
      personalDataSummary(report([item({ plain: 2000 }), item({ column: 'name', plain: 412 })], 2000), 'en-US'),
    ).toBe('2,000 customers on record, with or without orders. 2,412 values are stored in plain text.');
  });
});

describe('erasing a customer', () => {
  it('trims what was typed and takes the address out of a pasted sender', () => {
    expect(customerQuery('  jane@example.com \n')).toBe('jane@example.com');
    expect(customerQuery('Jane Doe <jane@example.com>')).toBe('jane@example.com');
    expect(customerQuery('"Doe, Jane" < jane@example.com >')).toBe('jane@example.com');
    expect(customerQuery(' +44 20 7946 0958 ')).toBe('+44 20 7946 0958');
    expect(customerQuery('<not an address>')).toBe('<not an address>');
    expect(customerQuery('   ')).toBe('');
  });

  it('allows Find only with something to look for and nothing running', () => {
    expect(canFind('', false)).toBe(false);
    expect(canFind('  \t ', false)).toBe(false);
    expect(canFind('c-1042', false)).toBe(true);
    expect(canFind('c-1042', true)).toBe(false);
  });

  it('recognises only the not-found code', () => {
    expect(isCustomerNotFound('customer_not_found')).toBe(true);
    expect(isCustomerNotFound('no_workspace')).toBe(false);
    expect(isCustomerNotFound('ipc_error')).toBe(false);
  });

  it('says what a dry run found', () => {
    expect(previewSentence(erasure(), 'en-US')).toBe('23 rows in 4 tables would be erased.');
    expect(
      previewSentence(erasure({ tables: [{ table: 'customers', rows: 1 }], total_rows: 1 }), 'en-US'),
    ).toBe('1 row in 1 table would be erased.');
    expect(previewSentence(erasure({ tables: [], total_rows: 0 }), 'en-US')).toBe(
      'Nothing is stored for this customer.',
    );
  });

  it('says what was erased, with the label and table count', () => {
    expect(erasedSentence(erasure({ dry_run: false }), 'en-US')).toBe('Erased 23 rows of Customer 1042 from 4 tables');
    expect(
      erasedSentence(erasure({ dry_run: false, tables: [{ table: 'customers', rows: 1 }], total_rows: 1 }), 'en-US'),
    ).toBe('Erased 1 row of Customer 1042 from 1 table');
    expect(
      erasedSentence(
        erasure({ dry_run: false, total_rows: 1500, tables: [{ table: 'events', rows: 1500 }] }),
        'en-US',
      ),
    ).toBe('Erased 1,500 rows of Customer 1042 from 1 table');
  });

  it("prefers the engine's words when nobody matches", () => {
    expect(notFoundText('x@example.com', 'No customer with that e-mail.')).toBe('No customer with that e-mail.');
    expect(notFoundText('x@example.com', '  ')).toBe('No customer in this workspace matches “x@example.com”.');
    expect(notFoundText('c-9', null)).toBe('No customer in this workspace matches “c-9”.');
  });
});
