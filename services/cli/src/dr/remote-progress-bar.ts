import { Presets, SingleBar } from 'cli-progress';
import { frmV1 } from '@frm/contracts';

const PHASES: Readonly<Partial<Record<frmV1.BuildPhase, string>>> = {
  [frmV1.BuildPhase.BUILD_PHASE_BUILDING]: 'building',
  [frmV1.BuildPhase.BUILD_PHASE_CATCHING_UP]: 'catching-up',
  [frmV1.BuildPhase.BUILD_PHASE_DONE]: 'done',
};

/** A build's progress as the orchestrator streams it, on stderr so that stdout stays the result. */
export class RemoteProgressBar {
  private readonly bar: SingleBar;
  private started = false;

  constructor(what: string, stream: NodeJS.WriteStream = process.stderr) {
    this.bar = new SingleBar(
      {
        format: `${what} {phase} [{bar}] {value}/{total} events`,
        stream,
        hideCursor: true,
        noTTYOutput: !stream.isTTY,
        notTTYSchedule: 2_000,
      },
      Presets.shades_classic,
    );
  }

  update(progress: frmV1.BuildProgress): void {
    const done = Number(progress.eventsApplied);
    const total = done + Number(progress.eventsRemaining);
    const payload = { phase: PHASES[progress.phase] ?? 'building' };
    if (!this.started) {
      this.bar.start(total, done, payload);
      this.started = true;
      return;
    }
    this.bar.setTotal(total);
    this.bar.update(done, payload);
  }

  stop(): void {
    if (this.started) this.bar.stop();
  }
}
