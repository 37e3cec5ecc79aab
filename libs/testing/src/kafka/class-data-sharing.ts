import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';

// Kept inside lib/ so that new jars (which invalidate it) also take it away.
const archiveName = 'kafka-classes.jsa';

// An AppCDS archive of the broker's classes cuts its start-up by about a third on a busy 2-core
// machine. Until the archive exists, a broker writes one into its run directory when it exits cleanly,
// and adoptClassArchive moves it into lib/ for every later broker.
export function classDataSharingOptions(libDir: string, runDir: string): string[] {
  const archive = join(libDir, archiveName);
  // The JVM falls back to loading classes normally if the archive does not fit; it need not say so in broker.log.
  const quiet = '-Xlog:cds*=off';
  return existsSync(archive)
    ? [`-XX:SharedArchiveFile=${archive}`, quiet]
    : [`-XX:ArchiveClassesAtExit=${join(runDir, archiveName)}`, quiet];
}

export async function adoptClassArchive(libDir: string, runDir: string): Promise<void> {
  const written = join(runDir, archiveName);
  if (!existsSync(written) || existsSync(join(libDir, archiveName))) return;
  // A failed move (another run got there first, another file system) only costs the speed-up.
  await rename(written, join(libDir, archiveName)).catch(() => undefined);
}
