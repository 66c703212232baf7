// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import Notice from './Notice.svelte';
import { cleanup, markup, render } from './tests/mount';

afterEach(cleanup);

describe('Notice', () => {
  it('is a status with its icon, its hooks and the screen’s text', () => {
    const root = render(Notice, {
      testid: 'assistant-model-notice',
      code: 'models_missing',
      children: markup('<p>The model is missing.</p>'),
    });
    const notice = root.querySelector('[data-testid="assistant-model-notice"]') as HTMLElement;
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.dataset.code).toBe('models_missing');
    expect(notice.querySelector('svg')!.getAttribute('aria-hidden')).toBe('true');
    expect(notice.querySelector('p')!.textContent).toBe('The model is missing.');
  });

  it('has no data-code unless given one', () => {
    const root = render(Notice, { testid: 'rec-cold-start', children: markup('<p>x</p>') });
    expect(root.querySelector('[data-testid="rec-cold-start"]')!.hasAttribute('data-code')).toBe(false);
  });
});
