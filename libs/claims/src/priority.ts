import type { ClaimType } from '@claimdesk/extraction';

export interface PriorityWeights {
  scoreWeight: number;
  recencyWeight: number;
  recencyHalfLifeHours: number;
  typeBonus: Record<ClaimType, number>;
}

/** Numbers and causes are what readers act on and what checkers can settle: they go first. */
export const DEFAULT_TYPE_BONUS: Record<ClaimType, number> = {
  quantity: 0.2,
  causal: 0.15,
  rule: 0.1,
  prediction: 0.05,
  personal: 0,
  other: 0,
};

/** Reads PRIORITY_TYPE_BONUS ("quantity=0.2,causal=0.15") over the defaults. */
export function typeBonus(setting: string): Record<ClaimType, number> {
  const bonus = { ...DEFAULT_TYPE_BONUS };
  for (const pair of setting.split(',').filter(Boolean)) {
    const [type, value] = pair.split('=');
    bonus[type as ClaimType] = Number(value);
  }
  return bonus;
}

/**
 * Priority of a claim: check-worthiness, plus a bonus by type, plus freshness of the article
 * (halving every half-life). Higher first. Computed once, when the claim is created.
 */
export function computePriority(
  c: { score: number; type: ClaimType; publishedAt: Date | null },
  w: PriorityWeights,
  now: Date = new Date(),
): number {
  const published = c.publishedAt && c.publishedAt.getTime() <= now.getTime() ? c.publishedAt : now;
  const ageHours = (now.getTime() - published.getTime()) / 3_600_000;
  const freshness = Math.pow(0.5, ageHours / w.recencyHalfLifeHours);
  const p = w.scoreWeight * c.score + (w.typeBonus[c.type] ?? 0) + w.recencyWeight * freshness;
  return Math.round(p * 10000) / 10000;
}
