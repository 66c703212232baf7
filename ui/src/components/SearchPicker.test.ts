// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import SearchPicker from './SearchPicker.svelte';
import { cleanup, render } from './tests/mount';

afterEach(cleanup);

interface Thing {
  id: string;
  name: string;
  country: string | null;
  gone?: boolean;
}

const THINGS: Thing[] = [
  { id: 'a', name: 'Alpha', country: 'FR' },
  { id: 'b', name: 'Beta', country: null, gone: true },
  { id: 'c', name: 'Gamma', country: 'DE' },
];

function props(overrides: Record<string, unknown> = {}) {
  return {
    label: 'Choose a thing',
    inputLabel: 'Find a thing',
    placeholder: 'Name',
    inputTestid: 'thing-search',
    query: '',
    ontype: vi.fn(),
    onsearch: vi.fn(),
    onclear: vi.fn(),
    loading: false,
    loadingNote: 'Searching…',
    note: 'All things',
    items: THINGS as Thing[] | null,
    key: (t: Thing) => t.id,
    describe: (t: Thing) => ({ title: t.name, meta: t.country, warning: t.gone ? '· gone' : null }),
    attributes: (t: Thing) => ({ 'data-testid': 'thing-option', 'data-thing-id': t.id }),
    selected: 'c' as string | null,
    onchoose: vi.fn(),
    emptyText: 'Nothing here.',
    emptyTestid: 'thing-none',
    ...overrides,
  };
}

function key(el: Element, k: string) {
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  flushSync();
}

describe('SearchPicker', () => {
  it('lists the options with their attributes, marks the chosen one and chooses on click', () => {
    const p = props();
    const root = render(SearchPicker<Thing>, p);
    expect(root.querySelector('aside')!.getAttribute('aria-label')).toBe('Choose a thing');
    expect(root.querySelector('.picker-note')!.textContent).toBe('All things');
    const options = [...root.querySelectorAll<HTMLButtonElement>('[data-testid="thing-option"]')];
    expect(options.map((o) => o.dataset.thingId)).toEqual(['a', 'b', 'c']);
    expect(options.map((o) => o.getAttribute('aria-pressed'))).toEqual(['false', 'false', 'true']);
    expect(options[0].querySelector('.option-meta')!.textContent!.trim()).toBe('FR');
    expect(options[1].querySelector('.option-meta')).toBeNull();
    options[1].click();
    expect(p.onchoose).toHaveBeenCalledWith('b');
  });

  it('says it is loading, and what to say when nothing matches', () => {
    const root = render(SearchPicker<Thing>, props({ loading: true, items: [] }));
    expect(root.querySelector('.picker-note')!.textContent).toBe('Searching…');
    expect(root.querySelector('[data-testid="thing-none"]')!.textContent).toBe('Nothing here.');
    expect(root.querySelector('ul')).toBeNull();
  });

  it('shows nothing before the first list', () => {
    const root = render(SearchPicker<Thing>, props({ items: null }));
    expect(root.querySelector('ul')).toBeNull();
    expect(root.querySelector('[data-testid="thing-none"]')).toBeNull();
  });

  it('passes typing, Enter and Escape on a filled box to the caller', () => {
    const p = props({ query: 'al' });
    const root = render(SearchPicker<Thing>, p);
    const box = root.querySelector('[data-testid="thing-search"]') as HTMLInputElement;
    expect(box.value).toBe('al');
    box.value = 'alp';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    expect(p.ontype).toHaveBeenCalledWith('alp');
    key(box, 'Enter');
    expect(p.onsearch).toHaveBeenCalledTimes(1);
    key(box, 'Escape');
    expect(p.onclear).toHaveBeenCalledTimes(1);
  });

  it('leaves Escape alone on an empty box', () => {
    const p = props();
    const root = render(SearchPicker<Thing>, p);
    key(root.querySelector('[data-testid="thing-search"]')!, 'Escape');
    expect(p.onclear).not.toHaveBeenCalled();
  });

  it('moves between the box and the options with the arrow keys; Escape goes back to the box', () => {
    const root = render(SearchPicker<Thing>, props());
    const box = root.querySelector('[data-testid="thing-search"]') as HTMLInputElement;
    const options = [...root.querySelectorAll<HTMLButtonElement>('[data-testid="thing-option"]')];
    box.focus();
    key(box, 'ArrowDown');
    expect(document.activeElement).toBe(options[0]);
    key(options[0], 'ArrowDown');
    expect(document.activeElement).toBe(options[1]);
    key(options[1], 'ArrowDown');
    key(options[2], 'ArrowDown');
    expect(document.activeElement).toBe(options[2]);
    key(options[2], 'ArrowUp');
    expect(document.activeElement).toBe(options[1]);
    key(options[1], 'Escape');
    expect(document.activeElement).toBe(box);
    key(box, 'ArrowDown');
    key(options[0], 'ArrowUp');
    expect(document.activeElement).toBe(box);
  });
});
