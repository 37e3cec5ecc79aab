import { frmV1 } from '@frm/contracts';
import { StderrBar } from '../progress/stderr-bar';

const PHASES: Readonly<Partial<Record<frmV1.BuildPhase, string>>> = {
  [frmV1.BuildPhase.BUILD_PHASE_BUILDING]: 'building',
  [frmV1.BuildPhase.BUILD_PHASE_CATCHING_UP]: 'catching-up',
  [frmV1.BuildPhase.BUILD_PHASE_DONE]: 'done',
};

/** A build's progress as the orchestrator streams it, on stderr so that stdout stays the result. */
export class RemoteProgressBar {
  private readonly bar: StderrBar<{ phase: string }>;

  constructor(what: string, stream: NodeJS.WriteStream = process.stderr) {
    this.bar = new StderrBar(`${what} {phase} [{bar}] {value}/{total} events`, stream);
  }

  update(progress: frmV1.BuildProgress): void {
    const done = Number(progress.eventsApplied);
    this.bar.show(done, done + Number(progress.eventsRemaining), { phase: PHASES[progress.phase] ?? 'building' });
  }

  stop(): void {
    this.bar.stop();
  }
}
