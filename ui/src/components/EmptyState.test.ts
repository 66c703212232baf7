// @vitest-environment jsdom
import { createRawSnippet } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import EmptyState from './EmptyState.svelte';
import { cleanup, markup, render } from './tests/mount';

afterEach(cleanup);

describe('EmptyState', () => {
  it('shows a title and a plain text, without buttons', () => {
    const root = render(EmptyState, { title: 'No orders yet', text: 'Import <b>orders</b> first.', testid: 'empty' });
    const section = root.querySelector('[data-testid="empty"]')!;
    expect(section.classList.contains('empty-state')).toBe(true);
    expect(section.querySelector('h2')!.textContent).toBe('No orders yet');
    // Text stays text.
    expect(section.querySelector('p')!.textContent).toBe('Import <b>orders</b> first.');
    expect(section.querySelector('b')).toBeNull();
    expect(section.querySelector('.buttons')).toBeNull();
  });

  it('renders the text snippet and the action under it', () => {
    let clicked = 0;
    const children = markup('<span>Columns <code>id, text</code></span>');
    const action = createRawSnippet(() => ({
      render: () => '<button type="button">Import…</button>',
      setup: (button: Element) => {
        button.addEventListener('click', () => (clicked += 1));
      },
    }));
    const root = render(EmptyState, { title: 'Nothing imported', children, action });
    expect(root.querySelector('p code')!.textContent).toBe('id, text');
    const button = root.querySelector('.buttons button') as HTMLButtonElement;
    button.click();
    expect(clicked).toBe(1);
  });
});
