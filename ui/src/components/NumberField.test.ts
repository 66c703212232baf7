// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import NumberField from './NumberField.svelte';
import { cleanup, render } from './tests/mount';

afterEach(cleanup);

function input(root: HTMLElement, testid: string): HTMLInputElement {
  return root.querySelector(`[data-testid="${testid}"]`) as HTMLInputElement;
}

describe('NumberField', () => {
  it('labels the input, shows the unit and the help, and names the help as its description', () => {
    const root = render(NumberField, {
      id: 'rule-min-margin',
      label: 'Minimum margin',
      optional: true,
      value: '12',
      suffix: '%',
      placeholder: 'none',
      help: 'Empty: no minimum.',
      testid: 'rule-min-margin',
    });
    const field = input(root, 'rule-min-margin');
    expect(field.closest('label')!.querySelector('span')!.textContent).toBe('Minimum margin (optional)');
    expect(field.value).toBe('12');
    expect(field.getAttribute('inputmode')).toBe('decimal');
    expect(field.placeholder).toBe('none');
    expect(root.querySelector('.suffixed')!.textContent!.trim()).toBe('%');
    expect(field.getAttribute('aria-describedby')).toBe('rule-min-margin-help');
    expect(root.querySelector('#rule-min-margin-help')!.textContent).toBe('Empty: no minimum.');
    expect(field.hasAttribute('aria-invalid')).toBe(false);
  });

  it('shows the error instead of the help and marks the input invalid', () => {
    const root = render(NumberField, {
      id: 'rule-limit',
      label: 'Items per list',
      value: '99',
      inputmode: 'numeric' as const,
      size: 'short' as const,
      help: 'From 1 to 50.',
      error: 'A whole number from 1 to 50.',
      testid: 'rule-limit',
    });
    const field = input(root, 'rule-limit');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.classList.contains('short')).toBe(true);
    const help = root.querySelector('#rule-limit-help')!;
    expect(help.textContent).toBe('A whole number from 1 to 50.');
    expect(help.classList.contains('error')).toBe(true);
  });

  it('with a range, keeps the slider and the text in step', () => {
    const root = render(NumberField, {
      id: 'rule-content-weight',
      label: 'Weight',
      value: '0,25',
      range: { min: 0, max: 1, step: 0.05, from: 'Co-purchase', to: 'Meaning', label: 'Weight of meaning, 0 to 1' },
      help: 'From 0 to 1.',
      testid: 'rule-content-weight',
    });
    const text = input(root, 'rule-content-weight');
    const slider = root.querySelector('input[type="range"]') as HTMLInputElement;
    expect(root.querySelector('label')!.getAttribute('for')).toBe('rule-content-weight');
    expect(text.id).toBe('rule-content-weight');
    expect(slider.value).toBe('0.25');
    expect(slider.getAttribute('aria-label')).toBe('Weight of meaning, 0 to 1');
    slider.value = '0.7';
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect(text.value).toBe('0.7');
    text.value = '5';
    text.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect(slider.value).toBe('1');
  });
});
