import { mulberry32 } from '@frm/bench';

export { mulberry32 };

/** The draws the traffic generator needs, all from one seeded stream so a seed replays exactly. */
export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next();
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from nothing');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A uniform value whose logarithm is uniform: account ages spread over months to years. */
  logUniform(min: number, max: number): number {
    return Math.exp(this.between(Math.log(min), Math.log(max)));
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }

  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count);
  }

  /** Lower-case hex of the given length: ids and fingerprints that say nothing about their owner. */
  hex(length: number): string {
    let text = '';
    while (text.length < length) text += Math.floor(this.next() * 0x1_0000_0000).toString(16).padStart(8, '0');
    return text.slice(0, length);
  }
}

/** Draws indexes 0..n-1 with probability proportional to 1 / (index + 1)^exponent. */
export class ZipfSampler {
  private readonly cumulative: number[];

  constructor(size: number, exponent: number) {
    let total = 0;
    this.cumulative = Array.from({ length: size }, (_, index) => (total += (index + 1) ** -exponent));
  }

  draw(random: Random): number {
    const target = random.float() * (this.cumulative[this.cumulative.length - 1] as number);
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.cumulative[middle] as number) <= target) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
