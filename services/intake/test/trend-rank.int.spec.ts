import fc from 'fast-check';
import { testPostgres, type TestPostgres } from '@frm/testing';
import { TREND_RANK_DIGITS, trendRankSql } from '../src/feature-requests/read-model/trend-rank';

/** Whole numbers from 0 to thousands of digits, many sharing long prefixes (the hard case for a cut rank). */
const sums = fc.oneof(
  fc.bigInt({ min: 0n, max: 10n ** 60n }),
  fc.tuple(fc.integer({ min: 1, max: 3_000 }), fc.bigInt({ min: 0n, max: 10n ** 50n })).map(([digits, low]) => 10n ** BigInt(digits) + low),
  fc.tuple(fc.constantFrom(10n ** 45n, 123n * 10n ** 700n), fc.bigInt({ min: 0n, max: 10n ** 8n })).map(([base, low]) => base + low),
);

describe('the trend rank', () => {
  let postgres: TestPostgres;

  beforeAll(async () => {
    postgres = await testPostgres({ prefix: 'intake_trend_rank' });
  });

  afterAll(() => postgres?.cleanup());

  const ranks = async (values: readonly bigint[]): Promise<bigint[]> => {
    const rows = await postgres.db.query<{ rank: string }>(
      `select (${trendRankSql('sum')})::text as rank from unnest($1::numeric[]) with ordinality as s(sum, n) order by n`,
      [values.map(String)],
    );
    return rows.map((row) => BigInt(row.rank));
  };

  it('orders as the sums do, tying only sums equal to its significant digits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(sums, sums), { minLength: 1, maxLength: 40 }), async (pairs) => {
        const [left, right] = [await ranks(pairs.map(([a]) => a)), await ranks(pairs.map(([, b]) => b))];
        pairs.forEach(([a, b], i) => {
          const [rankA, rankB] = [left[i] as bigint, right[i] as bigint];
          if (a < b) expect(rankA <= rankB).toBe(true);
          if (a > b) expect(rankA >= rankB).toBe(true);
          const sameDigits = String(a).length === String(b).length && String(a).slice(0, TREND_RANK_DIGITS) === String(b).slice(0, TREND_RANK_DIGITS);
          expect(rankA === rankB).toBe(sameDigits);
        });
      }),
      { numRuns: 50 },
    );
  });

  it('has at most 46 digits, and tells every sum of up to 40 digits apart', async () => {
    const [huge, zero, one, ten] = await ranks([10n ** 20_000n, 0n, 1n, 10n]);
    expect(String(huge).length).toBeLessThanOrEqual(46);
    expect(new Set([zero, one, ten]).size).toBe(3);
    expect(zero < one && one < ten).toBe(true);
  });
});
