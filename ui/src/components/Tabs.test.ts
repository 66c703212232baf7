// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import Tabs from './Tabs.svelte';
import { cleanup, render } from './tests/mount';

afterEach(cleanup);

const TABS = [
  { id: 'a', label: 'First', testid: 'tab-a' },
  { id: 'b', label: 'Second', testid: 'tab-b' },
  { id: 'c', label: 'Third', testid: 'tab-c' },
] as const;

function selectedOf(root: HTMLElement): string[] {
  return [...root.querySelectorAll('[role="tab"]')].map((t) => t.getAttribute('aria-selected') ?? '');
}

describe('Tabs', () => {
  it('renders a tab list with the selected tab marked', () => {
    const root = render(Tabs, { tabs: TABS, selected: 'b' });
    expect(root.querySelector('[role="tablist"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="tab-a"]')!.textContent!.trim()).toBe('First');
    expect(selectedOf(root)).toEqual(['false', 'true', 'false']);
    expect(root.querySelector('[data-testid="tab-b"]')!.classList.contains('active')).toBe(true);
  });

  it('selects a tab on click and moves with the arrow keys, Home and End', () => {
    const root = render(Tabs, { tabs: TABS, selected: 'a' });
    (root.querySelector('[data-testid="tab-c"]') as HTMLButtonElement).click();
    flushSync();
    expect(selectedOf(root)).toEqual(['false', 'false', 'true']);
    const list = root.querySelector('[role="tablist"]')!;
    const key = (k: string) => {
      list.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
      flushSync();
    };
    key('ArrowRight');
    expect(selectedOf(root)).toEqual(['true', 'false', 'false']);
    expect(document.activeElement).toBe(root.querySelector('[data-testid="tab-a"]'));
    key('ArrowLeft');
    expect(selectedOf(root)).toEqual(['false', 'false', 'true']);
    key('Home');
    expect(selectedOf(root)).toEqual(['true', 'false', 'false']);
    key('End');
    expect(selectedOf(root)).toEqual(['false', 'false', 'true']);
  });
});
