// Wording and numbers of the Experiments screen, kept out of the component
// so they can be tested on their own.

import type {
  Correction,
  ExperimentReport,
  ExperimentSettings,
  ExperimentStatus,
  MetricResult,
  PlanInput,
  StatsEngine,
} from './bindings';

export const STATUS_LABELS: Record<ExperimentStatus, string> = {
  winner: 'Winner',
  loser: 'Loser',
  inconclusive: 'Inconclusive',
  srm_warning: 'SRM warning',
  too_early: 'Too early',
};

/** What each badge means, for its tooltip. */
export const STATUS_HINTS: Record<ExperimentStatus, string> = {
  winner: 'A metric improved significantly and none got worse',
  loser: 'A metric got significantly worse and none improved',
  inconclusive: 'No significant difference, or some metrics better and some worse',
  srm_warning: 'The split between variants is not the planned one: the results cannot be trusted',
  too_early: 'A variant has fewer visitors than the minimum sample',
};

export const ENGINES: ReadonlyArray<{ value: StatsEngine; label: string }> = [
  { value: 'frequentist', label: 'Frequentist (p-values, confidence intervals)' },
  { value: 'bayesian', label: 'Bayesian (chance to win, credible intervals)' },
];

export const CORRECTIONS: ReadonlyArray<{ value: Correction; label: string }> = [
  { value: 'holm', label: 'Holm–Bonferroni (strict)' },
  { value: 'benjamini_hochberg', label: 'Benjamini–Hochberg (false discovery rate)' },
  { value: 'none', label: 'None' },
];

export const DIMENSION_LABELS: Record<string, string> = {
  customer_type: 'Customer',
  device: 'Device',
  country: 'Country',
};

/** A relative change as a signed percentage: `+8.12%`, `−3.40%`. */
export function formatLift(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  const pct = Math.abs(ratio * 100).toFixed(2);
  if (Number(pct) === 0) return '0.00%';
  return `${ratio < 0 ? '−' : '+'}${pct}%`;
}

/** An interval of relative changes: `+1.20% to +7.05%`. */
export function formatInterval(lower: number, upper: number): string {
  return `${formatLift(lower)} to ${formatLift(upper)}`;
}

/** A p-value, with very small ones as `< 0.0001`. */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p < 0.0001) return '< 0.0001';
  return p.toFixed(4);
}

/** A metric's value in its own unit: rates as percentages, money with two decimals. */
export function formatMetricValue(result: MetricResult, value: number): string {
  switch (result.metric) {
    case 'conversion':
    case 'add_to_cart':
    case 'cart_to_order':
      return `${(value * 100).toFixed(2)}%`;
    default:
      return value.toFixed(2);
  }
}

/**
 * The interval shown for a result: the engine decides which (corrected
 * confidence interval, or credible interval), and it excludes 0 exactly when
 * the result is significant.
 */
export function intervalOf(result: MetricResult): [number, number] {
  return [result.interval.lower, result.interval.upper];
}

/** An interval's level as a percentage with the decimals it needs: `95%`, `99.17%`. */
export function formatLevel(level: number): string {
  return `${Number((level * 100).toFixed(2))}%`;
}

/** The heading of the interval column. */
export function intervalHeading(settings: ExperimentSettings): string {
  if (settings.engine === 'bayesian') return 'Credible interval';
  return settings.correction === 'none' ? 'Confidence interval' : 'Confidence interval (corrected)';
}

/** What the intervals are, said once under the table. */
export function intervalNote(settings: ExperimentSettings): string {
  const pct = (x: number) => formatLevel(x);
  if (settings.engine === 'bayesian') {
    return `Significant: chance to win above ${pct(1 - settings.alpha)} or below ${pct(settings.alpha)}. The interval is the ${pct(1 - 2 * settings.alpha)} credible interval, which excludes 0 exactly then.`;
  }
  const name = CORRECTIONS.find((c) => c.value === settings.correction)?.label.replace(/ \(.*\)$/, '') ?? '';
  if (settings.correction === 'none') {
    return `Significant: p below ${settings.alpha}, when the ${pct(1 - settings.alpha)} interval excludes 0. No correction for multiple comparisons.`;
  }
  return `Significant: corrected p below ${settings.alpha}. Each interval is corrected the same way (${name}), at the level shown when you point at it, so it excludes 0 exactly when the result is significant.`;
}

/** Plain words for a result's direction. */
export function verdictText(result: MetricResult): string {
  if (result.direction > 0) return 'Better';
  if (result.direction < 0) return 'Worse';
  return 'No clear difference';
}

/**
 * Starting values for the planning calculator from an experiment: its
 * control's conversion rate and its daily traffic.
 */
export function planDefaults(report: ExperimentReport | null): PlanInput {
  const control = report?.metrics.find((m) => m.metric === 'conversion')?.comparison.control;
  const users = report ? report.variants.reduce((sum, v) => sum + v.users, 0) : 0;
  const days = report && report.days > 0 ? report.days : 0;
  return {
    baseline: control && control.mean > 0 ? Number(control.mean.toFixed(4)) : 0.03,
    sd: null,
    mde_relative: 0.05,
    alpha: 0.05,
    power: 0.8,
    variants: 2,
    control_share: 0.5,
    daily_visitors: days > 0 ? Math.round(users / days) : 1000,
  };
}

/** Problems with a plan's inputs, by field; empty when it can be computed. */
export function planErrors(input: PlanInput): Partial<Record<keyof PlanInput, string>> {
  const errors: Partial<Record<keyof PlanInput, string>> = {};
  if (!(input.baseline > 0)) errors.baseline = 'Enter the current rate, e.g. 3.1%';
  else if (input.sd === null && input.baseline >= 1) errors.baseline = 'A rate is below 100%';
  if (!(input.mde_relative > 0)) errors.mde_relative = 'Enter the smallest change worth detecting, e.g. 5%';
  if (!(input.power > 0 && input.power < 1)) errors.power = 'Power is between 0% and 100% (80% is usual)';
  if (!(input.alpha > 0 && input.alpha < 0.5)) errors.alpha = 'Significance is between 0% and 50% (5% is usual)';
  if (!(input.variants >= 2)) errors.variants = 'A test has at least two variants';
  if (!(input.daily_visitors >= 0)) errors.daily_visitors = 'Visitors a day cannot be negative';
  return errors;
}
