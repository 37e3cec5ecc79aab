import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { kafkaHome } from './kafka-home';
import { seconds, type ProgressReporter } from './progress';
import { mostTellingLine, runCommand } from './run-command';

export function pinnedKafkaVersion(pomXml: string): string {
  const version = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(pomXml)?.[1];
  if (!version) throw new Error(`${kafkaHome.pom} has no <kafka.version> property; the launcher reads the version from it`);
  return version;
}

// Without the logging binding the broker starts but logs nothing, and failures go unexplained.
export function hasKafkaJars(libDir: string, version: string): boolean {
  if (!existsSync(libDir)) return false;
  const jars = readdirSync(libDir);
  return jars.includes(`kafka_2.13-${version}.jar`) && jars.some((jar) => jar.startsWith('slf4j-reload4j-'));
}

// Maven runs only when the jars are missing or of another version than the pom's, as it takes
// seconds even when ~/.m2 holds every download.
export async function ensureKafkaJars(progress: ProgressReporter): Promise<string> {
  const version = pinnedKafkaVersion(readFileSync(kafkaHome.pom, 'utf8'));
  if (hasKafkaJars(kafkaHome.lib, version)) return kafkaHome.lib;

  const started = Date.now();
  progress(`copying the Kafka ${version} jars with Maven into ${kafkaHome.lib} (only once; downloads are cached in ~/.m2)`);
  const ticker = setInterval(() => progress(`still copying jars (${seconds(Date.now() - started)})`), 10_000);
  // Copy into a private folder and rename it into place, so a parallel test run never sees half a lib/.
  const partial = `${kafkaHome.lib}.partial-${process.pid}`;
  try {
    await rm(partial, { recursive: true, force: true });
    const result = await runCommand(
      'mvn',
      ['-B', '-q', '-f', kafkaHome.pom, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${partial}`],
      { installHint: `install Maven 3 (apt-get install maven) and Java 17; see ${kafkaHome.readme}` },
    );
    if (result.exitCode !== 0 || !hasKafkaJars(partial, version)) {
      throw new Error(
        `Maven could not copy the Kafka ${version} jars (exit ${result.exitCode}: ${mostTellingLine(result.output)}); ` +
          `is Maven Central reachable? Retry by hand: cd deploy/local/kafka && mvn dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=lib; see ${kafkaHome.readme}`,
      );
    }
    await replaceLib(partial, version);
  } finally {
    clearInterval(ticker);
    await rm(partial, { recursive: true, force: true });
  }
  progress(`copied the jars in ${seconds(Date.now() - started)}`);
  return kafkaHome.lib;
}

async function replaceLib(partial: string, version: string): Promise<void> {
  if (existsSync(kafkaHome.lib) && !hasKafkaJars(kafkaHome.lib, version)) {
    const stale = `${kafkaHome.lib}.stale-${process.pid}`;
    await rename(kafkaHome.lib, stale).catch(() => undefined);
    await rm(stale, { recursive: true, force: true });
  }
  try {
    await rename(partial, kafkaHome.lib);
  } catch (error) {
    // Another process copied the same jars first; theirs are as good as ours.
    if (!hasKafkaJars(kafkaHome.lib, version)) throw error;
  }
}
