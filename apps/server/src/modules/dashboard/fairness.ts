// 部门排名 a fair ranking of departments (职能部门) by a rate, so that a department with two appeals, both
// rated satisfied, does not top a table of departments that answered forty.
//
// Two rules. (1) Minimum volume: a department needs at least MIN_VOLUME forwards in the period to be ranked
// on its merits; below it, it is shown as 样本不足 (too few to judge) and placed after every department that
// has enough, among themselves in the same order. (2) Shrinkage: departments are ordered by a Bayesian
// estimate of the rate rather than the raw rate —
//
//     score = (successes + k × overall) ÷ (trials + k)
//
// where overall is the rate over every department ranked (the sum of their successes ÷ the sum of their
// trials) and k = PRIOR_WEIGHT is how many "average" cases each department is assumed to have besides its
// own. A department with few trials stays near the overall rate; one with many is judged by its own record.
// The raw rate and the volume are shown beside the score. Ties: the larger sample first, then the name.
import type { DashboardRate, RateEstimate } from '@qinqing/shared';

export const MIN_VOLUME = 5;
export const PRIOR_WEIGHT = 10;

export interface Sample {
  successes: number;
  trials: number;
}

export interface RankInput {
  id: string;
  name: string;
  volume: number;
  samples: Record<DashboardRate, Sample>;
}

export interface Ranked<T extends RankInput> {
  department: T;
  sufficient: boolean;
  estimates: Record<DashboardRate, RateEstimate>;
  ranks: Record<DashboardRate, number>;
}

const RATES: readonly DashboardRate[] = ['satisfaction', 'resolution', 'response', 'onTime'];

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

/** The shrinkage estimate of one rate; raw and score are null when there is nothing to divide by. */
export function estimate(sample: Sample, overall: number | null, k = PRIOR_WEIGHT): RateEstimate {
  const raw = sample.trials === 0 ? null : round4(sample.successes / sample.trials);
  const score = overall === null ? raw : round4((sample.successes + k * overall) / (sample.trials + k));
  return { successes: sample.successes, trials: sample.trials, raw, score };
}

/** The pooled rate of the departments: what a small sample is pulled toward. */
export function overallRate(samples: readonly Sample[]): number | null {
  const trials = samples.reduce((sum, s) => sum + s.trials, 0);
  return trials === 0 ? null : samples.reduce((sum, s) => sum + s.successes, 0) / trials;
}

/**
 * Ranks the departments by each rate. Returns them in the order of the satisfaction ranking, each with its
 * estimates and its place in every ranking.
 */
export function rankDepartments<T extends RankInput>(
  departments: readonly T[],
  options: { minVolume?: number; priorWeight?: number } = {},
): { overall: Record<DashboardRate, number | null>; ranked: Ranked<T>[] } {
  const minVolume = options.minVolume ?? MIN_VOLUME;
  const k = options.priorWeight ?? PRIOR_WEIGHT;
  const overall = Object.fromEntries(
    RATES.map((rate) => [rate, overallRate(departments.map((d) => d.samples[rate]))]),
  ) as Record<DashboardRate, number | null>;
  const ranked: Ranked<T>[] = departments.map((department) => ({
    department,
    sufficient: department.volume >= minVolume,
    estimates: Object.fromEntries(
      RATES.map((rate) => [rate, estimate(department.samples[rate], overall[rate], k)]),
    ) as Record<DashboardRate, RateEstimate>,
    ranks: { satisfaction: 0, resolution: 0, response: 0, onTime: 0 },
  }));
  for (const rate of RATES) {
    [...ranked].sort(byRate(rate)).forEach((entry, index) => {
      entry.ranks[rate] = index + 1;
    });
  }
  return {
    overall: Object.fromEntries(
      RATES.map((rate) => [rate, overall[rate] === null ? null : round4(overall[rate])]),
    ) as Record<DashboardRate, number | null>,
    ranked: ranked.sort((a, b) => a.ranks.satisfaction - b.ranks.satisfaction),
  };
}

/** Enough volume first; then the higher score (no score last); the larger sample; the name. */
function byRate(rate: DashboardRate) {
  return (a: Ranked<RankInput>, b: Ranked<RankInput>): number => {
    if (a.sufficient !== b.sufficient) return a.sufficient ? -1 : 1;
    const sa = a.estimates[rate].score;
    const sb = b.estimates[rate].score;
    if (sa !== sb) {
      if (sa === null) return 1;
      if (sb === null) return -1;
      return sb - sa;
    }
    return (
      b.department.samples[rate].trials - a.department.samples[rate].trials ||
      b.department.volume - a.department.volume ||
      a.department.name.localeCompare(b.department.name, 'zh-CN')
    );
  };
}
