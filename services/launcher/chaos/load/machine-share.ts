import { readdirSync, readFileSync } from 'node:fs';

interface Sample {
  /** Clock ticks of every CPU since boot: all of them, and those spent busy (steal included). */
  readonly all: number;
  readonly busy: number;
  /** Ticks the processes of this run have used (user + system). */
  readonly ours: number;
}

/**
 * How much of the machine other work took while the run measured (Linux /proc): the busy CPU time
 * of every process that is not in this run's process trees (this process and its descendants, the
 * Postgres cluster's), plus time the hypervisor stole, as a share of all the CPU time there was.
 * On two shared cores it says whether a latency figure measured the platform or its neighbours.
 */
export class MachineShare {
  private constructor(
    private readonly roots: () => readonly number[],
    private readonly first: Sample | undefined,
  ) {}

  static start(roots: () => readonly number[]): MachineShare {
    return new MachineShare(roots, sample(roots()));
  }

  /** The share (0–1) of all CPU time that other work used since the start; undefined where /proc cannot be read. */
  foreignShare(): number | undefined {
    const last = sample(this.roots());
    if (!this.first || !last || last.all <= this.first.all) return undefined;
    const foreign = last.busy - this.first.busy - (last.ours - this.first.ours);
    return Math.min(1, Math.max(0, foreign / (last.all - this.first.all)));
  }
}

function sample(roots: readonly number[]): Sample | undefined {
  try {
    const cpu = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = cpu;
    return { all: user + nice + system + idle + iowait + irq + softirq + steal, busy: user + nice + system + irq + softirq + steal, ours: ticksOfTrees(roots) };
  } catch {
    return undefined;
  }
}

function ticksOfTrees(roots: readonly number[]): number {
  const processes = new Map<number, { parent: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After the command: state, ppid, …, utime (14th field of the line) and stime (15th).
      processes.set(Number(entry), { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // It ended while we looked.
    }
  }
  const ours = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, { parent }] of processes) {
      if (!ours.has(pid) && ours.has(parent)) {
        ours.add(pid);
        grew = true;
      }
    }
  }
  let ticks = 0;
  for (const pid of ours) ticks += processes.get(pid)?.ticks ?? 0;
  return ticks;
}
