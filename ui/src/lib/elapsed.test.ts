import { afterEach, describe, expect, it, vi } from 'vitest';
import { Elapsed } from './elapsed.svelte';

describe('Elapsed', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts whole seconds from start until stop', () => {
    vi.useFakeTimers();
    const timer = new Elapsed();
    timer.start();
    expect(timer.running).toBe(true);
    expect(timer.seconds).toBe(0);
    vi.advanceTimersByTime(2600);
    expect(timer.seconds).toBe(2);
    timer.stop();
    expect(timer.running).toBe(false);
    vi.advanceTimersByTime(5000);
    expect(timer.seconds).toBe(2);
    timer.start();
    expect(timer.seconds).toBe(0);
    timer.stop();
  });

  it('follows a busy state', () => {
    vi.useFakeTimers();
    const timer = new Elapsed();
    timer.track(true);
    expect(timer.running).toBe(true);
    vi.advanceTimersByTime(1200);
    expect(timer.seconds).toBe(1);
    timer.track(false);
    expect(timer.running).toBe(false);
  });
});
