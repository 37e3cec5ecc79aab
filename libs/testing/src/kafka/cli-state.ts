import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { kafkaHome } from './kafka-home';

// Left by `npm run kafka:start` for `kafka:stop`, which runs in another process.
export interface CliBrokerState {
  bootstrap: string;
  runDir: string;
  startedAt: string;
}

export function readCliState(file = kafkaHome.cliStateFile): CliBrokerState | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as CliBrokerState;
}

export function writeCliState(state: CliBrokerState, file = kafkaHome.cliStateFile): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
}

export function removeCliState(file = kafkaHome.cliStateFile): void {
  rmSync(file, { force: true });
}
