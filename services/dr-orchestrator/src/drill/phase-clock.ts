import { DRILL_PHASES, type DrillPhase } from './drill-options';

/** Adds up the time spent in each phase; phases interleave (projection by projection). */
export class PhaseClock {
  private readonly spent = Object.fromEntries(DRILL_PHASES.map((phase) => [phase, 0])) as Record<DrillPhase, number>;
  private running: { phase: DrillPhase; since: number } | undefined;

  /** The phase under way, for naming where a failure happened. */
  get current(): DrillPhase | undefined {
    return this.running?.phase;
  }

  enter(phase: DrillPhase): void {
    this.stop();
    this.running = { phase, since: performance.now() };
  }

  stop(): void {
    if (this.running) this.spent[this.running.phase] += performance.now() - this.running.since;
    this.running = undefined;
  }

  /** Whole milliseconds per phase. */
  totals(): Record<DrillPhase, number> {
    return Object.fromEntries(DRILL_PHASES.map((phase) => [phase, Math.round(this.spent[phase])])) as Record<DrillPhase, number>;
  }
}
