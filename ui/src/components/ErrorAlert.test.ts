// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import ErrorAlert from './ErrorAlert.svelte';
import { cleanup, markup, render } from './tests/mount';

afterEach(cleanup);

describe('ErrorAlert', () => {
  it('is an alert with its code, its icon, the caller’s text and a dismiss button', () => {
    let dismissed = 0;
    const root = render(ErrorAlert, {
      testid: 'import-failure',
      code: 'missing_columns',
      dismissLabel: 'Dismiss this error',
      ondismiss: () => dismissed++,
      children: markup('<p>The file lacks a column.</p>'),
    });
    const alert = root.querySelector('[data-testid="import-failure"]') as HTMLElement;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.dataset.code).toBe('missing_columns');
    expect(alert.querySelector('svg')!.getAttribute('aria-hidden')).toBe('true');
    expect(alert.querySelector('p')!.textContent).toBe('The file lacks a column.');
    const dismiss = alert.querySelector('button') as HTMLButtonElement;
    expect(dismiss.getAttribute('aria-label')).toBe('Dismiss this error');
    expect(dismiss.title).toBe('Dismiss');
    dismiss.click();
    expect(dismissed).toBe(1);
  });
});
