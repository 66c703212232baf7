import { describe, expect, it, vi } from 'vitest';
import { SettingsDraft } from './draft.svelte';

interface Settings {
  limit: number;
}
interface Draft {
  limit: string;
}
type Errors = Partial<Record<keyof Draft, string>>;

function make(store = vi.fn(async (s: Settings) => s)) {
  return new SettingsDraft<Settings, Draft, Errors>({
    toDraft: (s) => ({ limit: String(s.limit) }),
    fromDraft: (d) => {
      const n = Number(d.limit);
      return Number.isInteger(n) && n > 0 ? { settings: { limit: n }, errors: {} } : { settings: null, errors: { limit: 'A whole number.' } };
    },
    store,
  });
}

describe('SettingsDraft', () => {
  it('is dirty once edited and undoes back to the stored settings', () => {
    const rules = make();
    rules.load({ limit: 5 });
    expect(rules.dirty).toBe(false);
    rules.draft!.limit = '7';
    expect(rules.dirty).toBe(true);
    rules.undo();
    expect(rules.draft).toEqual({ limit: '5' });
    expect(rules.dirty).toBe(false);
  });

  it('keeps edits on a reload when asked to', () => {
    const rules = make();
    rules.load({ limit: 5 });
    rules.draft!.limit = '7';
    rules.load({ limit: 6 }, true);
    expect(rules.draft).toEqual({ limit: '7' });
    rules.load({ limit: 6 });
    expect(rules.draft).toEqual({ limit: '6' });
  });

  it('stores a valid draft and refuses an invalid one', async () => {
    const store = vi.fn(async (s: Settings) => s);
    const rules = make(store);
    rules.load({ limit: 5 });
    rules.draft!.limit = 'x';
    expect(await rules.save()).toBe(false);
    expect(rules.errors.limit).toBe('A whole number.');
    expect(store).not.toHaveBeenCalled();
    rules.draft!.limit = '9';
    const starting = vi.fn();
    expect(await rules.save(starting)).toBe(true);
    expect(starting).toHaveBeenCalledOnce();
    expect(store).toHaveBeenCalledWith({ limit: 9 });
    expect(rules.settings).toEqual({ limit: 9 });
    expect(rules.savedNote).toBe(true);
    expect(rules.errors).toEqual({});
  });
});
