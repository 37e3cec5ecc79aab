import { join } from 'node:path';
import { classDataSharingOptions } from './class-data-sharing';
import { kafkaHome } from './kafka-home';

// A small heap leaves room for the tests on a 2-core machine; G1 with short pauses as kafka-run-class.sh uses.
export const defaultBrokerJavaOptions: readonly string[] = [
  '-Xms256m',
  '-Xmx512m',
  '-XX:+UseG1GC',
  '-XX:MaxGCPauseMillis=20',
  '-Djava.awt.headless=true',
];

// A tool that runs for a second gains nothing from the optimising compiler or a parallel GC.
const shortLivedToolOptions = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xmx256m'];

export const javaInstallHint = `install Java 17 (apt-get install openjdk-17-jre-headless); see ${kafkaHome.readme}`;

function commonArgs(libDir: string, runDir: string): string[] {
  // Java expands the lib/* wildcard itself, so no shell is involved.
  return ['-cp', join(libDir, '*'), `-Dlog4j.configuration=file:${kafkaHome.log4jConfig}`, `-Dkafka.logs.dir=${runDir}`];
}

export function storageFormatArgs(libDir: string, runDir: string, propertiesFile: string, clusterId: string): string[] {
  return [
    ...shortLivedToolOptions,
    ...commonArgs(libDir, runDir),
    'kafka.tools.StorageTool',
    'format',
    '-t',
    clusterId,
    '-c',
    propertiesFile,
    // Formatting twice is harmless; a restart may format again without losing data.
    '-g',
  ];
}

export function brokerArgs(libDir: string, runDir: string, propertiesFile: string, javaOptions: readonly string[]): string[] {
  return [...javaOptions, ...classDataSharingOptions(libDir, runDir), ...commonArgs(libDir, runDir), 'kafka.Kafka', propertiesFile];
}
