// Wording and numbers of the Privacy section of the Settings screen (personal
// data report, workspace export, erasure of one customer), kept out of the
// component so they can be tested on their own. Nothing here calls the engine.

import type { ErasureReport, PersonalDataItem, PersonalDataReport } from './bindings';
import { formatCount } from './format';

/** The error code `erase_customer` rejects with when nobody matches. */
export const CUSTOMER_NOT_FOUND = 'customer_not_found';

/** True when an erasure failed only because no customer matched what was typed. */
export function isCustomerNotFound(code: string): boolean {
  return code === CUSTOMER_NOT_FOUND;
}

/** A count with its noun: `1 row`, `23 rows`, `1,204 customers`. */
export function countOf(count: number, one: string, many: string, locale?: string): string {
  return `${formatCount(count, locale)} ${count === 1 ? one : many}`;
}

/** `23 rows in 4 tables`. */
export function rowsInTables(rows: number, tables: number, locale?: string): string {
  return `${countOf(rows, 'row', 'rows', locale)} in ${countOf(tables, 'table', 'tables', locale)}`;
}

/** A table's name in words: `support_messages` → `Support messages`. */
export function tableName(table: string): string {
  const words = table.replace(/[_-]+/g, ' ').trim();
  return words === '' ? table : words.charAt(0).toUpperCase() + words.slice(1);
}

// ---------------------------------------------------------- personal data

/** One line of the "What personal data is stored" table. */
export interface PersonalDataRow {
  /** Unique per row: `table.column`. */
  key: string;
  table: string;
  column: string;
  label: string;
  hashed: number;
  plain: number;
  /** Some rows hold it in plain text: the table marks it. */
  plainText: boolean;
  note: string | null;
}

/** The report's items as table rows, in the engine's order. */
export function personalDataRows(report: PersonalDataReport): PersonalDataRow[] {
  return report.items.map((item) => ({
    key: `${item.table}.${item.column}`,
    table: item.table,
    column: item.column,
    label: item.label,
    hashed: item.hashed,
    plain: item.plain,
    plainText: item.plain > 0,
    note: item.note?.trim() ? item.note.trim() : null,
  }));
}

/** True when some row holds personal data, hashed or not. */
export function storesPersonalData(report: PersonalDataReport): boolean {
  return report.items.some((item) => item.hashed > 0 || item.plain > 0);
}

/** Rows holding personal data in plain text, over every item. */
export function plainTextRows(items: readonly PersonalDataItem[]): number {
  return items.reduce((sum, item) => sum + item.plain, 0);
}

/** The line above the table: how many customers, and whether any value is readable. */
export function personalDataSummary(report: PersonalDataReport, locale?: string): string {
  // Everyone the exports name, with or without orders; the Overview counts
  // those who ordered in its period, so the two differ and say why.
  const customers =
    report.customers === 0
      ? 'No customers'
      : `${countOf(report.customers, 'customer', 'customers', locale)} on record, with or without orders`;
  if (!storesPersonalData(report)) return `${customers}. Nothing personal is stored yet.`;
  const plain = plainTextRows(report.items);
  if (plain === 0) return `${customers}. All their personal data is stored as keyed hashes.`;
  return `${customers}. ${countOf(plain, 'value is', 'values are', locale)} stored in plain text.`;
}

// ----------------------------------------------------------------- erasure

/**
 * What to look the customer up by, from what was typed or pasted: surrounding
 * blanks dropped, and the address taken out of `Jane Doe <jane@example.com>`
 * as a mail program copies it. Empty when nothing usable is left.
 */
export function customerQuery(input: string): string {
  const text = input.trim();
  const quoted = /<\s*([^<>\s]+@[^<>\s]+)\s*>\s*$/.exec(text);
  if (quoted) return quoted[1];
  return text;
}

/** Whether the Find button can run. */
export function canFind(input: string, busy: boolean): boolean {
  return !busy && customerQuery(input) !== '';
}

/** The preview's headline: `23 rows in 4 tables would be erased.` */
export function previewSentence(report: ErasureReport, locale?: string): string {
  if (report.total_rows === 0) return 'Nothing is stored for this customer.';
  return `${rowsInTables(report.total_rows, report.tables.length, locale)} would be erased.`;
}

/** After erasing: `Erased 23 rows of Customer 1042 from 4 tables`. */
export function erasedSentence(report: ErasureReport, locale?: string): string {
  return (
    `Erased ${countOf(report.total_rows, 'row', 'rows', locale)} of ${report.label} ` +
    `from ${countOf(report.tables.length, 'table', 'tables', locale)}`
  );
}

/** Shown inline when nobody matched: the engine's words when it gave some. */
export function notFoundText(query: string, message: string | null): string {
  const said = message?.trim();
  if (said) return said;
  return `No customer in this workspace matches “${query}”.`;
}
