import type { PeriodPreset } from './bindings';

/** The period presets in the order the selector lists them. */
export const PERIODS: ReadonlyArray<{ value: PeriodPreset; label: string }> = [
  { value: 'all_time', label: 'All time' },
  { value: 'last_12_months', label: 'Last 12 months' },
  { value: 'last_90_days', label: 'Last 90 days' },
  { value: 'last_30_days', label: 'Last 30 days' },
];

export function periodLabel(period: PeriodPreset): string {
  return PERIODS.find((p) => p.value === period)?.label ?? period;
}
