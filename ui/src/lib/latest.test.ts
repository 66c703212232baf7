import { describe, expect, it } from 'vitest';
import { Latest } from './latest.svelte';

describe('Latest', () => {
  it('keeps only the newest request current', () => {
    const requests = new Latest();
    const first = requests.begin();
    expect(first()).toBe(true);
    const second = requests.begin();
    expect(first()).toBe(false);
    expect(second()).toBe(true);
  });

  it('makes every started request stale on cancel', () => {
    const requests = new Latest();
    const one = requests.begin();
    requests.cancel();
    expect(one()).toBe(false);
    expect(requests.begin()()).toBe(true);
  });
});
