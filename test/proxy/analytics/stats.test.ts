/**
 * The statistics core and the simulations that show its verdicts hold up: many seeded runs each, so
 * no single lucky seed decides a result.
 */
import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, compareArms, daysNeeded, decide, normalCdf, normalQuantile, rateWithInterval, sampleRatioCheck, type DailyLook } from '../../../proxy/analytics/stats/index.ts';
import { binomial, random } from './simulate.ts';

/** Thirty days of cumulative looks for arms with the given true rates and daily assigned visitors. */
function simulateRun(rand: () => number, rates: number[], perDay: number[], days = 30, weights = rates.map(() => 1)): DailyLook[] {
  const totals = rates.map(() => ({ assigned: 0, signups: 0 }));
  const looks: DailyLook[] = [];
  for (let day = 1; day <= days; day++) {
    rates.forEach((rate, i) => {
      const assigned = perDay[i]!;
      totals[i]!.assigned += assigned;
      totals[i]!.signups += binomial(rand, assigned, rate);
    });
    looks.push({ day, arms: totals.map((t, i) => ({ id: String.fromCharCode(65 + i), weight: weights[i]!, ...t })) });
  }
  return looks;
}

describe('the special functions', () => {
  it('match the textbook values', () => {
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    // χ²(1) = 10.828 and χ²(3) = 16.266 are the 0.001 critical values.
    expect(chiSquareSurvival(10.828, 1)).toBeCloseTo(0.001, 5);
    expect(chiSquareSurvival(16.266, 3)).toBeCloseTo(0.001, 5);
    expect(chiSquareSurvival(2, 2)).toBeCloseTo(Math.exp(-1), 8);
  });

  it('draws binomials with the right mean and spread', () => {
    const rand = random(7);
    const draws = Array.from({ length: 4000 }, () => binomial(rand, 1000, 0.03));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length;
    expect(mean).toBeGreaterThan(29.7);
    expect(mean).toBeLessThan(30.3);
    expect(variance).toBeGreaterThan(27);
    expect(variance).toBeLessThan(31.3);
  });
});

describe('per-arm rate', () => {
  it('gives the Wilson 95 % interval', () => {
    // 30 of 1000: Wilson 95 % is [0.02110, 0.04250].
    const r = rateWithInterval(30, 1000);
    expect(r.rate).toBe(0.03);
    expect(r.low).toBeCloseTo(0.0211, 4);
    expect(r.high).toBeCloseTo(0.0425, 4);
  });

  it('stays inside [0, 1] with no or all successes, and says nothing without trials', () => {
    expect(rateWithInterval(0, 50).low).toBe(0);
    expect(rateWithInterval(50, 50).high).toBe(1);
    expect(rateWithInterval(0, 0)).toMatchObject({ rate: 0, low: 0, high: 1 });
  });
});

describe('the always-valid comparison', () => {
  it('is significant for a large clear difference and not for equal rates', () => {
    expect(compareArms({ assigned: 30000, signups: 900 }, { assigned: 30000, signups: 1170 }).significant).toBe(true);
    expect(compareArms({ assigned: 30000, signups: 900 }, { assigned: 30000, signups: 905 }).significant).toBe(false);
  });

  it('asks for more evidence than a fixed-horizon z-test at the same look', () => {
    // z ≈ 2.2 clears 1.96 but not the sequential boundary: the price of looking every day.
    const a = { assigned: 10000, signups: 300 };
    const b = { assigned: 10000, signups: 355 };
    const c = compareArms(a, b);
    expect(c.significant).toBe(false);
    expect(c.low).toBeLessThan(0);
    expect(c.high).toBeGreaterThan(c.difference);
  });
});

describe('simulated experiments (must show 2)', () => {
  it('A/A with daily looks over 30 days: false verdicts in ≤ 7 % of 500 runs', () => {
    const rand = random(20261129);
    let falseVerdicts = 0;
    for (let run = 0; run < 500; run++) {
      const verdict = decide(simulateRun(rand, [0.03, 0.03], [1000, 1000]));
      if (verdict.status === 'winner') falseVerdicts++;
    }
    expect(falseVerdicts / 500).toBeLessThanOrEqual(0.07);
  });

  it('A/A: the same runs judged by a daily fixed-horizon z-test would cry wolf far more often', () => {
    // The contrast the sequential test exists for; proves the simulation can produce false verdicts.
    const rand = random(20261129);
    let naive = 0;
    for (let run = 0; run < 500; run++) {
      const looks = simulateRun(rand, [0.03, 0.03], [1000, 1000]);
      const z = (l: DailyLook) => {
        const [a, b] = l.arms as unknown as [{ assigned: number; signups: number }, { assigned: number; signups: number }];
        const pa = a.signups / a.assigned, pb = b.signups / b.assigned;
        return (pb - pa) / Math.sqrt((pa * (1 - pa)) / a.assigned + (pb * (1 - pb)) / b.assigned);
      };
      if (looks.some((l) => l.day >= 7 && Math.abs(z(l)) > 1.96)) naive++;
    }
    expect(naive / 500).toBeGreaterThan(0.1);
  });

  it('A 3.0 % vs B 3.9 %, 30,000 assigned per arm: B declared in ≥ 95 % of 200 runs, A never, with its interval', () => {
    const rand = random(39);
    let b = 0;
    let a = 0;
    for (let run = 0; run < 200; run++) {
      const verdict = decide(simulateRun(rand, [0.03, 0.039], [1000, 1000]));
      if (verdict.winner === 'B') {
        b++;
        const arm = verdict.arms[1]!;
        expect(arm.comparison!.low).toBeGreaterThan(0);
        expect(arm.rate.low).toBeLessThan(arm.rate.rate);
        expect(arm.rate.high).toBeGreaterThan(arm.rate.rate);
        expect(verdict.decidedOnDay).toBeGreaterThanOrEqual(7);
      }
      if (verdict.winner === 'A') a++;
    }
    expect(b / 200).toBeGreaterThanOrEqual(0.95);
    expect(a).toBe(0);
  });

  it('a 52/48 split configured as 50/50 on 20,000 visitors is flagged', () => {
    const exact = sampleRatioCheck([10400, 9600], [0.5, 0.5]);
    expect(exact.chiSquare).toBeCloseTo(32, 6);
    expect(exact.pValue).toBeLessThan(1e-7);
    expect(exact.mismatch).toBe(true);
  });

  it('traffic assigned 52/48 while configured 50/50 is flagged in ≥ 99 % of 200 runs of 20,000 visitors', () => {
    // The boundary sits 3.3 standard deviations below 52 %, so a run in a few thousand slips through.
    const rand = random(5248);
    let flagged = 0;
    for (let run = 0; run < 200; run++) {
      const a = binomial(rand, 20000, 0.52);
      if (sampleRatioCheck([a, 20000 - a], [0.5, 0.5]).mismatch) flagged++;
    }
    expect(flagged / 200).toBeGreaterThanOrEqual(0.99);
  });

  it('a true 50/50 split on 20,000 visitors is flagged about once in a thousand runs', () => {
    const rand = random(5050);
    let flagged = 0;
    for (let run = 0; run < 2000; run++) {
      const a = binomial(rand, 20000, 0.5);
      if (sampleRatioCheck([a, 20000 - a], [0.5, 0.5]).mismatch) flagged++;
    }
    expect(flagged).toBeLessThanOrEqual(8);
  });

  it('a mismatched split withholds the verdict even when one arm looks better', () => {
    const rand = random(11);
    const verdict = decide(simulateRun(rand, [0.03, 0.039], [1080, 920]));
    expect(verdict.status).toBe('sample_ratio_mismatch');
    expect(verdict.winner).toBeUndefined();
  });
});

describe('the verdict guards', () => {
  const look = (day: number, a: [number, number], b: [number, number]): DailyLook => ({
    day,
    arms: [
      { id: 'A', weight: 1, assigned: a[0], signups: a[1] },
      { id: 'B', weight: 1, assigned: b[0], signups: b[1] },
    ],
  });

  it('withholds a clear difference before 7 days', () => {
    const verdict = decide([look(6, [30000, 900], [30000, 1400])]);
    expect(verdict.status).toBe('waiting');
    expect(verdict.reasons.join(' ')).toMatch(/7 days/);
  });

  it('withholds a clear difference until every arm has 100 sign-ups', () => {
    const verdict = decide([look(10, [3000, 60], [3000, 160])]);
    expect(verdict.status).toBe('waiting');
    expect(verdict.reasons.join(' ')).toMatch(/100 sign-ups.*A: 60/);
  });

  it('declares the control when every variant is clearly worse', () => {
    expect(decide([look(10, [30000, 1400], [30000, 900])]).winner).toBe('A');
  });
});

describe('days needed', () => {
  it('is larger than the fixed-horizon sample and shrinks with a bigger lift or more traffic', () => {
    // Fixed horizon for 3 % → 3.6 % at α .05, power .8 is ≈ 13,900 per arm.
    const twenty = daysNeeded({ baselineRate: 0.03, lift: 0.2, assignedPerArmPerDay: 1000 });
    expect(twenty.perArm).toBeGreaterThan(13900);
    expect(twenty.perArm).toBeLessThan(13900 * 3);
    expect(daysNeeded({ baselineRate: 0.03, lift: 0.4, assignedPerArmPerDay: 1000 }).perArm).toBeLessThan(twenty.perArm / 2);
    expect(daysNeeded({ baselineRate: 0.03, lift: 0.2, assignedPerArmPerDay: 2000 }).days).toBe(Math.ceil(twenty.perArm / 2000));
  });

  it('counts what is already assigned and never promises fewer than the 7 days', () => {
    const needed = daysNeeded({ baselineRate: 0.03, lift: 0.5, assignedPerArmPerDay: 100000, daysElapsed: 2 });
    expect(needed.days).toBe(5);
    const base = daysNeeded({ baselineRate: 0.03, lift: 0.2, assignedPerArmPerDay: 1000 });
    expect(daysNeeded({ baselineRate: 0.03, lift: 0.2, assignedPerArmPerDay: 1000, assignedPerArm: base.perArm, daysElapsed: 30 }).days).toBe(0);
    expect(daysNeeded({ baselineRate: 0.03, lift: 0.2, assignedPerArmPerDay: 0 }).days).toBe(Infinity);
  });
});
