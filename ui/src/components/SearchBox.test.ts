// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import SearchBox from './SearchBox.svelte';
import { cleanup, render } from './tests/mount';

afterEach(cleanup);

describe('SearchBox', () => {
  it('hands typed text and keys to the caller', () => {
    const typed: string[] = [];
    const keys: string[] = [];
    const root = render(SearchBox, {
      label: 'Search products',
      value: 'mug',
      placeholder: 'Search',
      testid: 'search-input',
      large: true,
      oninput: (v: string) => typed.push(v),
      onkeydown: (e: KeyboardEvent) => keys.push(e.key),
    });
    const input = root.querySelector('[data-testid="search-input"]') as HTMLInputElement;
    expect(input.type).toBe('search');
    expect(input.value).toBe('mug');
    expect(root.querySelector('.visually-hidden')!.textContent).toBe('Search products');
    expect(root.querySelector('svg')!.getAttribute('width')).toBe('18');
    input.value = 'mugs';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(typed).toEqual(['mugs']);
    expect(keys).toEqual(['Enter']);
  });
});
