// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import EngineChart from './EngineChart.svelte';
import { cleanup, render } from './tests/mount';

afterEach(cleanup);

describe('EngineChart', () => {
  it('inserts the engine’s SVG as it came (the engine gives it its viewBox)', () => {
    const root = render(EngineChart, { svg: '<svg viewBox="0 0 400 200" width="400" height="200"><rect/></svg>', testid: 'c' });
    const box = root.querySelector('[data-testid="c"]')!;
    expect(box.classList.contains('chart')).toBe(true);
    const svg = box.querySelector('svg')!;
    expect(svg.getAttribute('viewBox')).toBe('0 0 400 200');
    expect(svg.querySelectorAll('rect')).toHaveLength(1);
    expect(box.getAttribute('role')).toBeNull();
    expect(box.getAttribute('style') ?? '').toBe('');
  });

  it('names the chart as one image when given a label, and caps its height when asked', () => {
    const root = render(EngineChart, { svg: '<svg viewBox="0 0 1 1"></svg>', role: 'img' as const, label: 'Revenue by week', maxHeight: '380px' });
    const box = root.querySelector('.chart') as HTMLElement;
    expect(box.getAttribute('role')).toBe('img');
    expect(box.getAttribute('aria-label')).toBe('Revenue by week');
    expect(box.style.getPropertyValue('--chart-max-height')).toBe('380px');
  });
});
