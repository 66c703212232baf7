import { describe, expect, it } from 'vitest';
import type { ExperimentReport, ExperimentSettings, MetricResult } from './bindings';
import {
  formatInterval,
  formatLevel,
  formatLift,
  formatP,
  intervalHeading,
  intervalNote,
  intervalOf,
  planDefaults,
  planErrors,
  verdictText,
} from './experiments';

function result(over: Partial<MetricResult> = {}): MetricResult {
  return {
    metric: 'conversion',
    label: 'Conversion rate',
    variant: 'treatment',
    dimension: '',
    segment: '',
    comparison: {
      control: { users: 20000, mean: 0.1, sd: 0.3, adjusted_mean: null },
      treatment: { users: 20000, mean: 0.11, sd: 0.31, adjusted_mean: null },
      absolute: { estimate: 0.01, lower: 0.004, upper: 0.016 },
      relative: { estimate: 0.1, lower: 0.04, upper: 0.16 },
      p_value: 0.001,
      fixed_p_value: 0.001,
      chance_to_win: 0.999,
      risk: [0.01, 0.0001],
      credible: { estimate: 0.1, lower: 0.041, upper: 0.159 },
      variance_reduction: null,
      suspicious: false,
      enough_users: true,
    },
    adjusted_p: 0.004,
    interval: { estimate: 0.1, lower: 0.031, upper: 0.169 },
    interval_level: 0.99,
    significant: true,
    direction: 1,
    ...over,
  };
}

describe('numbers on the Experiments screen', () => {
  it('signs lifts and keeps zero unsigned', () => {
    expect(formatLift(0.0812)).toBe('+8.12%');
    expect(formatLift(-0.034)).toBe('−3.40%');
    expect(formatLift(0)).toBe('0.00%');
    expect(formatLift(Number.NaN)).toBe('—');
    expect(formatInterval(-0.01, 0.05)).toBe('−1.00% to +5.00%');
  });

  it('shows tiny p-values as a bound', () => {
    expect(formatP(0.00001)).toBe('< 0.0001');
    expect(formatP(0.04567)).toBe('0.0457');
  });

  it('shows the interval that goes with the verdict, and says what it is', () => {
    expect(intervalOf(result())).toEqual([0.031, 0.169]);
    expect(formatLevel(0.99)).toBe('99%');
    expect(formatLevel(1 - 0.05 / 6)).toBe('99.17%');
    expect(formatLevel(0.975)).toBe('97.5%');
    const s = (over: Partial<ExperimentSettings>): ExperimentSettings => ({
      engine: 'frequentist',
      alpha: 0.05,
      sequential: false,
      sequential_tuning: 5000,
      cuped: true,
      correction: 'holm',
      min_users: 100,
      suspicious_lift: 0.5,
      ...over,
    });
    expect(intervalHeading(s({}))).toBe('Confidence interval (corrected)');
    expect(intervalNote(s({}))).toContain('Each interval is corrected the same way (Holm–Bonferroni)');
    expect(intervalHeading(s({ correction: 'none' }))).toBe('Confidence interval');
    expect(intervalNote(s({ correction: 'none' }))).toContain('No correction for multiple comparisons');
    expect(intervalHeading(s({ engine: 'bayesian' }))).toBe('Credible interval');
    expect(intervalNote(s({ engine: 'bayesian' }))).toBe(
      'Significant: chance to win above 95% or below 5%. The interval is the 90% credible interval, which excludes 0 exactly then.',
    );
  });

  it('says the verdict in words', () => {
    expect(verdictText(result())).toBe('Better');
    expect(verdictText(result({ direction: -1 }))).toBe('Worse');
    expect(verdictText(result({ direction: 0, significant: false }))).toBe('No clear difference');
  });
});

describe('planning calculator', () => {
  it('starts from the experiment: control conversion and daily traffic', () => {
    const report = {
      metrics: [result()],
      variants: [
        { variant: 'control', users: 20000, planned_share: 0.5, observed_share: 0.5 },
        { variant: 'treatment', users: 20000, planned_share: 0.5, observed_share: 0.5 },
      ],
      days: 28,
    } as unknown as ExperimentReport;
    const p = planDefaults(report);
    expect(p.baseline).toBe(0.1);
    expect(p.daily_visitors).toBe(Math.round(40000 / 28));
    expect(planErrors(p)).toEqual({});
  });

  it('has sensible defaults without an experiment and names bad inputs', () => {
    const p = planDefaults(null);
    expect(p.baseline).toBeGreaterThan(0);
    expect(planErrors({ ...p, baseline: 1.2 }).baseline).toMatch(/below 100%/);
    expect(planErrors({ ...p, power: 1 }).power).toBeTruthy();
    expect(planErrors({ ...p, variants: 1 }).variants).toBeTruthy();
  });
});
