import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

function candidateSockets(): string[] {
  const home = homedir();
  const uid = process.getuid?.();
  return [
    '/var/run/docker.sock',
    '/run/docker.sock',
    join(home, '.docker/run/docker.sock'),
    join(home, '.docker/desktop/docker.sock'),
    ...(process.env['XDG_RUNTIME_DIR'] ? [join(process.env['XDG_RUNTIME_DIR'], 'docker.sock')] : []),
    ...(uid !== undefined ? [`/run/user/${uid}/docker.sock`, `/run/user/${uid}/podman/podman.sock`] : []),
  ];
}

function configuredDockerHost(): boolean {
  if (process.env['DOCKER_HOST']) return true;
  try {
    return /^\s*docker\.host\s*=/m.test(readFileSync(join(homedir(), '.testcontainers.properties'), 'utf8'));
  } catch {
    return false;
  }
}

/**
 * False when no Docker engine can possibly run here (no DOCKER_HOST, no socket): a synchronous
 * check for deciding at collection time whether to `describe.skip` container tests.
 */
export function dockerEngineMayRun(): boolean {
  return configuredDockerHost() || candidateSockets().some((socket) => existsSync(socket));
}

// The common "no Docker at all" case is decided from the file system alone, without loading
// testcontainers (about a second) or letting it log its search.
export async function dockerUnavailableReason(): Promise<string | undefined> {
  if (!dockerEngineMayRun()) {
    return 'no Docker engine runs on this machine (DOCKER_HOST is unset and there is no /var/run/docker.sock)';
  }
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
    return undefined;
  } catch (error) {
    return `no Docker engine answers (${error instanceof Error ? error.message : String(error)})`;
  }
}
