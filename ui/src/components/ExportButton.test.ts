// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import ExportButton from './ExportButton.svelte';
import { cleanup, render } from './tests/mount';
import { deferred } from './tests/deferred';

afterEach(cleanup);

async function settle() {
  await Promise.resolve();
  await Promise.resolve();
  flushSync();
}

describe('ExportButton', () => {
  it('shows the busy label with a spinner and is disabled while the export runs', async () => {
    const job = deferred<string>();
    const root = render(ExportButton<string>, {
      run: () => job.promise,
      label: 'Export as Parquet',
      busyLabel: 'Exporting…',
      spinner: true,
      variant: 'primary' as const,
      testid: 'export',
    });
    const button = root.querySelector('[data-testid="export"]') as HTMLButtonElement;
    expect(button.textContent!.trim()).toBe('Export as Parquet');
    expect(button.classList.contains('primary')).toBe(true);
    button.click();
    flushSync();
    expect(button.textContent!.trim()).toBe('Exporting…');
    expect(button.querySelector('.spinner')).not.toBeNull();
    expect(button.disabled).toBe(true);
    job.resolve('/tmp/out');
    await settle();
    expect(button.textContent!.trim()).toBe('Export as Parquet');
    expect(button.disabled).toBe(false);
  });

  it('hands back what was written and the "Saved <path>" note', async () => {
    const props = { result: null as string | null, note: null as string | null };
    const root = render(ExportButton<string>, {
      run: () => Promise.resolve('/reports/chart.png'),
      label: 'PNG',
      variant: 'link' as const,
      get result() {
        return props.result;
      },
      set result(value: string | null) {
        props.result = value;
      },
      get note() {
        return props.note;
      },
      set note(value: string | null) {
        props.note = value;
      },
    });
    const button = root.querySelector('button') as HTMLButtonElement;
    expect(button.classList.contains('link')).toBe(true);
    button.click();
    await settle();
    expect(props.result).toBe('/reports/chart.png');
    expect(props.note).toBe('Saved /reports/chart.png');
  });
});
