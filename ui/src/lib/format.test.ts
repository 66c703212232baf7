import { describe, expect, it } from 'vitest';
import {
  displayText,
  productName,
  TITLE_MAX_CHARS,
  formatBytes,
  formatDuration,
  resolveLocale,
  formatCount,
  formatDate,
  formatDateRange,
  formatMoney,
  formatPercent,
  formatPrice,
  formatPriceRange,
  shortPercent,
} from './format';

describe('formatMoney', () => {
  it('formats in the given currency', () => {
    expect(formatMoney(1234.5, 'USD', { locale: 'en-US' })).toBe('$1,234.50');
    expect(formatMoney(1234.5, 'EUR', { locale: 'en-US' })).toBe('€1,234.50');
    expect(formatMoney(0, 'GBP', { locale: 'en-GB' })).toBe('£0.00');
  });

  it('follows the currency’s own minor units', () => {
    expect(formatMoney(1234.5, 'JPY', { locale: 'en-US' })).toBe('¥1,235');
  });

  it('drops cents for headline figures when asked', () => {
    expect(formatMoney(98765.43, 'USD', { locale: 'en-US', whole: true })).toBe('$98,765');
  });

  it('keeps negative amounts (refunds exceeding sales)', () => {
    expect(formatMoney(-12, 'USD', { locale: 'en-US' })).toBe('-$12.00');
  });

  it('falls back to number and code for an unknown currency', () => {
    expect(formatMoney(10, 'not-a-code', { locale: 'en-US' })).toBe('10.00 not-a-code');
  });

  it('shows a dash for values that are not numbers', () => {
    expect(formatMoney(Number.NaN, 'USD')).toBe('—');
  });
});

describe('formatPercent', () => {
  it('shows a ratio with one decimal', () => {
    expect(formatPercent(0.2534, 'en-US')).toBe('25.3%');
    expect(formatPercent(0, 'en-US')).toBe('0.0%');
    expect(formatPercent(1, 'en-US')).toBe('100.0%');
    expect(formatPercent(1 / 3, 'en-US')).toBe('33.3%');
  });
});

describe('shortPercent', () => {
  it('keeps at most one decimal', () => {
    expect(shortPercent(0.72, 'en-US')).toBe('72%');
    expect(shortPercent(0.0123, 'en-US')).toBe('1.2%');
    expect(shortPercent(Number.NaN)).toBe('—');
  });
});

describe('formatCount', () => {
  it('groups thousands', () => {
    expect(formatCount(1204, 'en-US')).toBe('1,204');
    expect(formatCount(0, 'en-US')).toBe('0');
  });
});

describe('formatDate', () => {
  it('formats ISO dates without shifting them by time zone', () => {
    expect(formatDate('2024-01-01', 'en-US')).toBe('Jan 1, 2024');
    expect(formatDate('2024-12-31', 'en-GB')).toBe('31 Dec 2024');
  });

  it('returns text that is not a valid date unchanged', () => {
    expect(formatDate('2024-02-31', 'en-US')).toBe('2024-02-31');
    expect(formatDate('soon', 'en-US')).toBe('soon');
  });

  it('formats a covered period', () => {
    expect(formatDateRange('2024-01-01', '2024-03-31', 'en-GB')).toBe('1 Jan 2024 – 31 Mar 2024');
    expect(formatDateRange('2024-01-01', '2024-01-01', 'en-GB')).toBe('1 Jan 2024');
    expect(formatDateRange(null, null, 'en-GB')).toBe('no dates');
  });
});

describe('formatBytes', () => {
  it('uses decimal units', () => {
    expect(formatBytes(0, 'en-US')).toBe('0 B');
    expect(formatBytes(999, 'en-US')).toBe('999 B');
    expect(formatBytes(1536, 'en-US')).toBe('1.5 kB');
    expect(formatBytes(12_300_000, 'en-US')).toBe('12.3 MB');
    expect(formatBytes(250_000_000, 'en-US')).toBe('250 MB');
  });
});

describe('resolveLocale', () => {
  it('keeps an explicit locale', () => {
    expect(resolveLocale('de-DE')).toBe('de-DE');
  });
  it('never falls back to a locale without digit grouping', () => {
    expect(formatCount(1234567, resolveLocale())).toMatch(/1\D?234\D?567/);
  });
});

describe('formatDuration', () => {
  it('picks a unit that reads well', () => {
    expect(formatDuration(0, 'en-US')).toBe('0 ms');
    expect(formatDuration(850.4, 'en-US')).toBe('850 ms');
    expect(formatDuration(2400, 'en-US')).toBe('2.4 s');
    expect(formatDuration(42_000, 'en-US')).toBe('42 s');
    expect(formatDuration(65_000, 'en-US')).toBe('1 min 05 s');
  });

  it('shows a dash for values that are not durations', () => {
    expect(formatDuration(-1)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});

describe('formatPrice', () => {
  it('formats prices with the currency when known, else with two decimals', () => {
    expect(formatPrice(12, 'USD', 'en-US')).toBe('$12.00');
    expect(formatPrice(1234.5, null, 'en-US')).toBe('1,234.50');
    expect(formatPrice(1234.5, null, 'de-DE')).toBe('1.234,50');
  });

  it('formats price ranges', () => {
    expect(formatPriceRange(12, 30, null, 'en-US')).toBe('12.00 – 30.00');
    expect(formatPriceRange(12, 12, null, 'en-US')).toBe('12.00');
    expect(formatPriceRange(12, null, null, 'en-US')).toBe('12.00');
    expect(formatPriceRange(null, 30, 'EUR', 'en-US')).toBe('€30.00');
    expect(formatPriceRange(9.999, 10.001, null, 'en-US')).toBe('10.00');
    expect(formatPriceRange(null, null, 'USD', 'en-US')).toBe('');
  });
});

describe('displayText', () => {
  it('drops the controls that reorder or hide text', () => {
    // "Jacket" with a right-to-left override, an isolate and zero-width spaces.
    expect(displayText('Trail \u202Etekcaj\u202C Jacket')).toBe('Trail tekcaj Jacket');
    expect(displayText('\u2067Sale\u2069 Mug')).toBe('Sale Mug');
    expect(displayText('Sto\u200Bve\u2060 \uFEFFKit')).toBe('Stove Kit');
  });
  it('keeps what scripts and emoji need', () => {
    const family = '👨\u200D👩\u200D👧';
    expect(displayText(family)).toBe(family);
    expect(displayText('می\u200Cخواهم')).toBe('می\u200Cخواهم');
    expect(displayText('שלום \u200Fabc')).toBe('שלום \u200Fabc');
  });
  it('cuts a runaway title at whole characters', () => {
    const long = 'Ü'.repeat(5000);
    const shown = displayText(long);
    expect(Array.from(shown)).toHaveLength(TITLE_MAX_CHARS + 1);
    expect(shown.endsWith('…')).toBe(true);
    expect(displayText('😀'.repeat(3), 2)).toBe('😀😀…');
    expect(displayText('short')).toBe('short');
  });
  it('names a product by its title, else its handle', () => {
    expect(productName({ title: 'Camp \u202EMug', product_id: 'camp-mug' })).toBe('Camp Mug');
    expect(productName({ title: '', product_id: 'camp-mug' })).toBe('camp-mug');
    expect(productName({ title: null, product_id: 'camp-mug' })).toBe('camp-mug');
  });
});
