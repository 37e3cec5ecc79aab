/**
 * The simulated traffic's time laid onto the wall clock, `scale` times faster: what took a minute
 * in the traffic takes a minute / scale now. Account creation times go through the same mapping,
 * so an account's age at each vote is the simulated age / scale, as the scaled detectors expect.
 */
export class SimulationClock {
  constructor(
    /** Milliseconds since the epoch in the traffic (its `startAt`). */
    readonly simulatedStart: number,
    /** Milliseconds since the epoch on the wall clock. */
    readonly realStart: number,
    readonly scale: number,
  ) {
    if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`the time scale must be above 0, got ${scale}`);
  }

  /** The wall-clock moment of a simulated one, in milliseconds since the epoch. */
  toReal(simulatedMs: number): number {
    return this.realStart + (simulatedMs - this.simulatedStart) / this.scale;
  }
}
