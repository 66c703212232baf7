// Pure formatting helpers for figures shown to the person. Each takes an
// optional locale so tests are deterministic; the app passes none and gets
// the system's locale.


/**
 * The locale figures are shown in: the caller's, else the system's. WebKitGTK
 * started without a usable LANG reports "c"/"posix" or the ICU root locale,
 * which formats money without digit grouping; those fall back to en-US.
 */
export function resolveLocale(locale?: string): string {
  if (locale) return locale;
  const candidate = typeof navigator !== 'undefined' ? navigator.language : undefined;
  if (candidate && !/^(c|posix|und)([-_.].*)?$/i.test(candidate)) {
    try {
      if (Intl.NumberFormat.supportedLocalesOf(candidate).length > 0) return candidate;
    } catch {
      // An invalid tag: fall through.
    }
  }
  return 'en-US';
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(
  currency: string,
  locale: string | undefined,
  fractionDigits: number | undefined,
): Intl.NumberFormat | null {
  const key = `${locale ?? ''}|${currency}|${fractionDigits ?? ''}`;
  let format = moneyFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(resolveLocale(locale), {
        style: 'currency',
        currency,
        ...(fractionDigits === undefined
          ? {}
          : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }),
      });
    } catch {
      // Not an ISO 4217 code Intl knows.
      return null;
    }
    moneyFormats.set(key, format);
  }
  return format;
}

export interface MoneyOptions {
  locale?: string;
  /** Drop the cents (for large headline figures). */
  whole?: boolean;
}

/**
 * An amount in the store's currency, e.g. `formatMoney(1234.5, 'EUR')`.
 * An unknown currency code falls back to the number followed by the code.
 */
export function formatMoney(value: number, currency: string, options: MoneyOptions = {}): string {
  if (!Number.isFinite(value)) return '—';
  const format = moneyFormat(currency, options.locale, options.whole ? 0 : undefined);
  if (format) return format.format(value);
  const number = new Intl.NumberFormat(resolveLocale(options.locale), {
    minimumFractionDigits: options.whole ? 0 : 2,
    maximumFractionDigits: options.whole ? 0 : 2,
  }).format(value);
  return currency ? `${number} ${currency}` : number;
}

/** A whole count with grouping, e.g. `1,204`. */
export function formatCount(value: number, locale?: string): string {
  if (!Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(resolveLocale(locale), { maximumFractionDigits: 0 }).format(value);
}

function percent(ratio: number, locale: string | undefined, minimumFractionDigits: number): string {
  if (!Number.isFinite(ratio)) return '—';
  return new Intl.NumberFormat(resolveLocale(locale), {
    style: 'percent',
    minimumFractionDigits,
    maximumFractionDigits: 1,
  }).format(ratio);
}

/** A ratio (0.253) as a percentage with one decimal (`25.3%`). */
export function formatPercent(ratio: number, locale?: string): string {
  return percent(ratio, locale, 1);
}

/** A share with at most one decimal: `72%`, `1.2%`, `100%`. */
export function shortPercent(ratio: number, locale?: string): string {
  return percent(ratio, locale, 0);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseIsoDate(iso: string): Date | null {
  const match = ISO_DATE.exec(iso);
  if (!match) return null;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  // Reject dates such as 2024-02-31 that Date would roll over.
  if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
  return date;
}

/**
 * A calendar date `YYYY-MM-DD` as the person reads it (`3 Mar 2025` or
 * `Mar 3, 2025` by locale). The date is taken as-is, never shifted by the
 * time zone. Text that is not such a date is returned unchanged.
 */
export function formatDate(iso: string, locale?: string): string {
  const date = parseIsoDate(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(resolveLocale(locale), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** The dates a figure covers, e.g. `1 Jan 2024 – 31 Mar 2024`. */
export function formatDateRange(from: string | null, to: string | null, locale?: string): string {
  if (from && to) {
    return from === to
      ? formatDate(from, locale)
      : `${formatDate(from, locale)} – ${formatDate(to, locale)}`;
  }
  if (from) return `from ${formatDate(from, locale)}`;
  if (to) return `until ${formatDate(to, locale)}`;
  return 'no dates';
}

/** An RFC 3339 timestamp as a short local date and time. */
export function formatTimestamp(rfc3339: string, locale?: string): string {
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) return rfc3339;
  return new Intl.DateTimeFormat(resolveLocale(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A file size in bytes as `512 B`, `3.4 MB`, ... (powers of 1000). */
export function formatBytes(bytes: number, locale?: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const number = new Intl.NumberFormat(resolveLocale(locale), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
  return `${number} ${units[unit]}`;
}

/** A duration in milliseconds as `850 ms`, `2.4 s`, `1 min 05 s`. */
export function formatDuration(ms: number, locale?: string): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) {
    const digits = seconds < 10 ? 1 : 0;
    const number = new Intl.NumberFormat(resolveLocale(locale), {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(seconds);
    return `${number} s`;
  }
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return `${minutes} min ${String(rest).padStart(2, '0')} s`;
}

/** An amount in the store's currency when known, else a plain number with two decimals. */
export function formatPrice(value: number, currency: string | null, locale?: string): string {
  if (currency) return formatMoney(value, currency, { locale });
  if (!Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(resolveLocale(locale), {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(value);
}

/** "12.00", "12.00 – 30.00" (variants priced differently), or "" without a price. */
export function formatPriceRange(
  min: number | null,
  max: number | null,
  currency: string | null,
  locale?: string,
): string {
  const low = min ?? max;
  const high = max ?? min;
  if (low === null || high === null) return '';
  const a = formatPrice(low, currency, locale);
  const b = formatPrice(high, currency, locale);
  return a === b ? a : `${a} – ${b}`;
}

/**
 * Characters that change how the text around them is ordered or hide
 * between letters: bidirectional embeddings, overrides and isolates, zero-
 * width spaces, word joiners and stray byte-order marks. Joiners that
 * scripts and emoji need (U+200C, U+200D) and the plain direction marks
 * (U+200E, U+200F) are kept.
 */
const INVISIBLE_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200B\u2060\uFEFF]/gu;

/** Longest title shown; beyond it the text ends in "…". */
export const TITLE_MAX_CHARS = 200;

/**
 * Imported text as a title is shown: without the controls above, so a title
 * cannot reorder or hide what is written around it, and cut at
 * `max` characters (whole code points) so a runaway title stays one line or two.
 */
export function displayText(text: string, max = TITLE_MAX_CHARS): string {
  const clean = text.replace(INVISIBLE_CONTROLS, '');
  const chars = Array.from(clean);
  return chars.length > max ? `${chars.slice(0, max).join('').trimEnd()}…` : clean;
}

/** A product as it is named on screen: its title, else its handle. */
export function productName(product: { title?: string | null; product_id: string }): string {
  return displayText(product.title || product.product_id);
}
