// @vitest-environment jsdom
import { createRawSnippet } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import DataTable from './DataTable.svelte';
import { cleanup, render } from './tests/mount';

afterEach(cleanup);

interface Row {
  name: string;
  count: number;
}

const COLUMNS = [{ label: 'Name' }, { label: 'Count', num: true, title: 'How many' }];

const row = createRawSnippet((item: () => Row) => ({
  render: () => `<tr data-testid="row"><td>${item().name}</td><td class="num">${item().count}</td></tr>`,
}));

describe('DataTable', () => {
  it('writes a header row and one row per item from the snippet', () => {
    const rows: Row[] = [
      { name: 'a', count: 1 },
      { name: 'b', count: 20 },
    ];
    const root = render(DataTable<Row>, { columns: COLUMNS, rows, row, testid: 'table', caption: 'Things' });
    const table = root.querySelector('[data-testid="table"]')!;
    expect(table.tagName).toBe('TABLE');
    expect(table.querySelector('caption')!.textContent).toBe('Things');
    const heads = [...table.querySelectorAll('thead th')];
    expect(heads.map((h) => h.textContent)).toEqual(['Name', 'Count']);
    expect(heads[0].classList.contains('num')).toBe(false);
    expect(heads[1].classList.contains('num')).toBe(true);
    expect(heads[1].getAttribute('title')).toBe('How many');
    const cells = [...table.querySelectorAll('tbody [data-testid="row"]')].map((r) => r.textContent);
    expect(cells).toEqual(['a1', 'b20']);
    expect(root.querySelector('.table-scroll')).toBeNull();
  });

  it('shows the empty text instead of a table without rows', () => {
    const root = render(DataTable<Row>, { columns: COLUMNS, rows: [], row, empty: 'Nothing yet.', testid: 'table' });
    expect(root.querySelector('table')).toBeNull();
    expect(root.textContent!.trim()).toBe('Nothing yet.');
  });

  it('keeps an empty table without an empty text, and scrolls when asked', () => {
    const root = render(DataTable<Row>, { columns: COLUMNS, rows: [], row, scroll: true });
    const table = root.querySelector('.table-scroll > table');
    expect(table).not.toBeNull();
    expect(table!.querySelectorAll('tbody tr')).toHaveLength(0);
  });
});
