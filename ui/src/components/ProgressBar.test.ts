// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import ProgressBar from './ProgressBar.svelte';
import { cleanup, render } from './tests/mount';

afterEach(cleanup);

describe('ProgressBar', () => {
  it('fills the part done and marks the part under way', () => {
    const root = render(ProgressBar, {
      label: 'Files imported',
      max: 4,
      now: 1,
      valuetext: '1 of 4 files done',
      fraction: 0.25,
      current: { left: 25, width: 25 },
    });
    const bar = root.querySelector('[role="progressbar"]') as HTMLElement;
    expect(bar.getAttribute('aria-valuenow')).toBe('1');
    expect(bar.getAttribute('aria-valuemax')).toBe('4');
    expect(bar.getAttribute('aria-valuetext')).toBe('1 of 4 files done');
    expect(bar.classList.contains('regular')).toBe(true);
    expect((bar.querySelector('.done') as HTMLElement).style.width).toBe('25%');
    expect((bar.querySelector('.current') as HTMLElement).style.left).toBe('25%');
  });

  it('sweeps the whole bar while waiting', () => {
    const root = render(ProgressBar, { label: 'Embedding', max: 0, now: 0, fraction: 0, size: 'thin' as const, waiting: true });
    const bar = root.querySelector('[role="progressbar"]') as HTMLElement;
    expect(bar.classList.contains('waiting')).toBe(true);
    expect(bar.classList.contains('thin')).toBe(true);
    expect(bar.querySelector('.current')).toBeNull();
  });
});
