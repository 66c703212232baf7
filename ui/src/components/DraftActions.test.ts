// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsDraft } from '../lib/draft.svelte';
import DraftActions from './DraftActions.svelte';
import { cleanup, markup, render } from './tests/mount';

afterEach(cleanup);

function draft() {
  const d = new SettingsDraft<{ n: number }, { n: string }, object>({
    toDraft: (s) => ({ n: String(s.n) }),
    fromDraft: (x) => ({ settings: { n: Number(x.n) }, errors: {} }),
    store: async (s) => s,
  });
  d.load({ n: 1 });
  return d;
}

const button = (root: HTMLElement, id: string) => root.querySelector(`[data-testid="${id}"]`) as HTMLButtonElement;

describe('DraftActions', () => {
  it('undoes only a changed draft and submits the form without onsave', () => {
    const d = draft();
    const root = render(DraftActions<{ n: number }, { n: string }, object>, {
      draft: d,
      testid: 'rule',
      undoLabel: 'Undo changes',
      saveLabel: 'Save',
    });
    expect(button(root, 'rule-reset').disabled).toBe(true);
    expect(button(root, 'rule-save').type).toBe('submit');
    expect(button(root, 'rule-save').textContent!.trim()).toBe('Save');
    d.draft!.n = '2';
    flushSync();
    expect(button(root, 'rule-reset').disabled).toBe(false);
    button(root, 'rule-reset').click();
    flushSync();
    expect(d.draft!.n).toBe('1');
  });

  it('shows its saved text after a save, with what the form puts first', async () => {
    const d = draft();
    let saving: Promise<boolean> | null = null;
    const root = render(DraftActions<{ n: number }, { n: string }, object>, {
      draft: d,
      testid: 'x',
      undoLabel: 'Reset',
      saveLabel: 'Save intents',
      savedLabel: 'Saved — lists updated',
      spanning: true,
      onsave: () => {
        saving = d.save();
      },
      children: markup('<p class="lead">first</p>'),
    });
    const bar = root.querySelector('.draft-actions')!;
    expect(bar.firstElementChild!.className).toBe('lead');
    expect(button(root, 'x-save').type).toBe('button');
    button(root, 'x-save').click();
    expect(await saving).toBe(true);
    flushSync();
    expect(root.querySelector('[data-testid="x-saved"]')!.textContent).toBe('Saved — lists updated');
  });
});
