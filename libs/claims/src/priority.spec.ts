import { computePriority, DEFAULT_TYPE_BONUS, typeBonus } from './priority';

const w = { scoreWeight: 1, recencyWeight: 0.5, recencyHalfLifeHours: 24, typeBonus: DEFAULT_TYPE_BONUS };
const now = new Date('2026-01-02T00:00:00Z');

describe('computePriority', () => {
  it('ranks a higher score first, all else equal', () => {
    const a = computePriority({ score: 0.9, type: 'other', publishedAt: now }, w, now);
    const b = computePriority({ score: 0.6, type: 'other', publishedAt: now }, w, now);
    expect(a).toBeGreaterThan(b);
  });

  it('ranks a quantity claim above an opinion-like one of the same score', () => {
    expect(computePriority({ score: 0.7, type: 'quantity', publishedAt: now }, w, now)).toBeGreaterThan(
      computePriority({ score: 0.7, type: 'other', publishedAt: now }, w, now),
    );
  });

  it('halves the recency bonus every half-life', () => {
    const fresh = computePriority({ score: 0, type: 'other', publishedAt: now }, w, now);
    const dayOld = computePriority({ score: 0, type: 'other', publishedAt: new Date('2026-01-01T00:00:00Z') }, w, now);
    expect(fresh).toBeCloseTo(0.5);
    expect(dayOld).toBeCloseTo(0.25);
  });

  it('takes type bonuses from the setting, keeping defaults for types not named', () => {
    expect(typeBonus('other=0.3,quantity=0')).toEqual({ ...DEFAULT_TYPE_BONUS, other: 0.3, quantity: 0 });
    expect(typeBonus('')).toEqual(DEFAULT_TYPE_BONUS);
  });

  it('treats a future or missing date as fresh', () => {
    expect(computePriority({ score: 0, type: 'other', publishedAt: null }, w, now)).toBeCloseTo(0.5);
    expect(computePriority({ score: 0, type: 'other', publishedAt: new Date('2027-01-01') }, w, now)).toBeCloseTo(0.5);
  });
});
