// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import ScreenHeader from './ScreenHeader.svelte';
import { cleanup, markup, render } from './tests/mount';

afterEach(cleanup);

describe('ScreenHeader', () => {
  it('shows the title, the line under it and the screen’s actions', () => {
    const root = render(ScreenHeader, {
      title: 'Search',
      children: markup('<span>Try your store’s search.</span>'),
      actions: markup('<button type="button">Rules</button>'),
    });
    const header = root.querySelector('header.screen-header') as HTMLElement;
    expect(header.querySelector('h1')!.textContent).toBe('Search');
    expect(header.querySelector('p.subtitle')!.textContent).toBe('Try your store’s search.');
    expect(header.lastElementChild!.tagName).toBe('BUTTON');
  });

  it('has only the title block without actions', () => {
    const root = render(ScreenHeader, {
      title: 'Settings',
      children: markup('<span>Privacy.</span>'),
    });
    expect(root.querySelector('header')!.children).toHaveLength(1);
  });
});
