import { resolve } from 'node:path';

/**
 * The arguments of `node` that run a service's `main.ts` through the compiler the services run
 * with; with FRM_BENCH_PROFILE_DIR set, also a V8 CPU profile of it, `<name>.cpuprofile`, written
 * when it stops (open in Chrome DevTools).
 */
export function serviceNodeArguments(name: string, main: string): string[] {
  const profileDir = process.env['FRM_BENCH_PROFILE_DIR'];
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  return [...profile, '-r', '@swc-node/register', main];
}
