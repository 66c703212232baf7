// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import CloseButton from './CloseButton.svelte';
import { cleanup, render } from './tests/mount';

afterEach(cleanup);

describe('CloseButton', () => {
  it('is a labelled × button that calls back on a click', () => {
    let clicks = 0;
    const root = render(CloseButton, {
      label: 'Close the source',
      title: 'Close',
      onclick: () => clicks++,
      testid: 'assistant-source-close',
    });
    const button = root.querySelector('[data-testid="assistant-source-close"]') as HTMLButtonElement;
    expect(button.type).toBe('button');
    expect(button.classList.contains('icon-button')).toBe(true);
    expect(button.getAttribute('aria-label')).toBe('Close the source');
    expect(button.title).toBe('Close');
    expect(button.querySelector('svg')!.getAttribute('aria-hidden')).toBe('true');
    button.click();
    expect(clicks).toBe(1);
  });

  it('has no tooltip or test id unless given', () => {
    const root = render(CloseButton, { label: 'Close', onclick: () => {} });
    const button = root.querySelector('button')!;
    expect(button.hasAttribute('title')).toBe(false);
    expect(button.hasAttribute('data-testid')).toBe(false);
  });
});
