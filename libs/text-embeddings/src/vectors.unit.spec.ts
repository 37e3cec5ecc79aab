import fc from 'fast-check';
import { cosine, cosineOfMeasured, l2Normalised, measured } from './vectors';

const vector = (length: number) => fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: length, maxLength: length });

describe('cosine', () => {
  it('is 1 for the same direction, -1 for the opposite, 0 for orthogonal vectors', () => {
    expect(cosine([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(cosine([1, 2, 3], [-1, -2, -3])).toBeCloseTo(-1, 12);
    expect(cosine([1, 0], [0, 5])).toBe(0);
  });

  it('is 0 when either vector is all zeros', () => {
    expect(cosine([0, 0, 0], [1, 2, 3])).toBe(0);
  });

  it('is symmetric, stays within -1…1 and ignores length', () => {
    fc.assert(
      fc.property(vector(8), vector(8), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (a, b, scale) => {
        const c = cosine(a, b);
        expect(c).toBeGreaterThanOrEqual(-1);
        expect(c).toBeLessThanOrEqual(1);
        expect(cosine(b, a)).toBe(c);
        expect(cosine(a.map((x) => x * scale), b)).toBeCloseTo(c, 9);
      }),
    );
  });

  it('is, of measured vectors, the same to the last bit', () => {
    fc.assert(
      fc.property(vector(16), vector(16), (a, b) => {
        expect(cosineOfMeasured(measured(a), measured(b))).toBe(cosine(a, b));
        expect(cosineOfMeasured(measured(Float32Array.from(a)), measured(Float32Array.from(b)))).toBe(cosine(Float32Array.from(a), Float32Array.from(b)));
      }),
    );
    expect(cosineOfMeasured(measured([0, 0]), measured([1, 2]))).toBe(0);
    expect(() => cosineOfMeasured(measured([1, 2]), measured([1, 2, 3]))).toThrow(/one length, got 2 and 3/);
  });

  it('refuses vectors of different lengths', () => {
    expect(() => cosine([1, 2], [1, 2, 3])).toThrow(/one length, got 2 and 3/);
  });
});

describe('l2Normalised', () => {
  it('scales a vector to length 1 in the same direction', () => {
    fc.assert(
      fc.property(vector(16), (v) => {
        fc.pre(v.some((x) => Math.abs(x) > 1e-6));
        const n = l2Normalised(v);
        expect(Math.hypot(...n)).toBeCloseTo(1, 5);
        expect(cosine(n, v)).toBeCloseTo(1, 5);
      }),
    );
  });

  it('keeps all zeros as all zeros and refuses non-finite components', () => {
    expect([...l2Normalised([0, 0])]).toEqual([0, 0]);
    expect(() => l2Normalised([1, Number.NaN])).toThrow(/non-finite/);
    expect(() => l2Normalised([Number.POSITIVE_INFINITY, 1])).toThrow(/non-finite/);
  });
});
