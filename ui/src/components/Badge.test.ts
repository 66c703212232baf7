// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import Badge from './Badge.svelte';
import { cleanup, markup, render } from './tests/mount';

afterEach(cleanup);

const text = (t: string) => markup(`<span>${t}</span>`);

describe('Badge', () => {
  it('shows its text with the tone and shape as classes, and passes attributes through', () => {
    const root = render(Badge, {
      children: text('In stock'),
      shape: 'pill' as const,
      tone: 'success' as const,
      title: 'Stock',
      'data-testid': 'rec-stock',
      'data-in-stock': true,
    });
    const badge = root.querySelector('[data-testid="rec-stock"]')!;
    expect(badge.textContent).toBe('In stock');
    expect([...badge.classList]).toEqual(expect.arrayContaining(['badge', 'pill', 'success']));
    expect(badge.getAttribute('title')).toBe('Stock');
    expect(badge.getAttribute('data-in-stock')).toBe('true');
  });

  it('is a neutral tag unless told otherwise', () => {
    const root = render(Badge, { children: text('This product') });
    const badge = root.querySelector('.badge')!;
    expect([...badge.classList]).toEqual(expect.arrayContaining(['tag', 'neutral']));
    expect(badge.classList.contains('strong')).toBe(false);
  });
});
