import { join, relative, resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../../..');
const home = join(workspaceRoot, 'deploy/local/kafka');

export const kafkaHome = {
  dir: home,
  pom: join(home, 'pom.xml'),
  lib: join(home, 'lib'),
  runRoot: join(home, 'run'),
  serverTemplate: join(home, 'server.properties'),
  log4jConfig: join(home, 'log4j.properties'),
  cliStateFile: join(home, 'run', 'state.json'),
  // Relative, as a person types it from the repository root: error messages show it.
  readme: relative(workspaceRoot, join(home, 'README.md')),
};
