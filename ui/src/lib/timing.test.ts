import { afterEach, describe, expect, it, vi } from 'vitest';
import { debounce } from './timing';

describe('debounce', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls once with the last arguments after the pause', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 200);
    d('w');
    vi.advanceTimersByTime(150);
    d('wa');
    vi.advanceTimersByTime(150);
    d('war');
    expect(d.pending()).toBe(true);
    vi.advanceTimersByTime(199);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenCalledWith('war');
    expect(d.pending()).toBe(false);
  });

  it('flushes a pending call now, and cancels one', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 200);
    d.flush();
    expect(fn).not.toHaveBeenCalled();
    d('a');
    d.flush();
    expect(fn).toHaveBeenCalledWith('a');
    d('b');
    d.cancel();
    vi.advanceTimersByTime(500);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
