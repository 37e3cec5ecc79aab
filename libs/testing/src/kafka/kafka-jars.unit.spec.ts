import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasKafkaJars, pinnedKafkaVersion } from './kafka-jars';
import { kafkaHome } from './kafka-home';

describe('Kafka jars', () => {
  let lib: string;
  beforeEach(() => (lib = mkdtempSync(join(tmpdir(), 'frm-kafka-lib-'))));
  afterEach(() => rmSync(lib, { recursive: true, force: true }));

  it('reads the pinned version from the pom', () => {
    expect(pinnedKafkaVersion(readFileSync(kafkaHome.pom, 'utf8'))).toMatch(/^3\.\d+\.\d+$/);
  });

  it('counts a lib folder complete only with the broker jar of that version and the logging binding', () => {
    expect(hasKafkaJars(join(lib, 'missing'), '3.9.2')).toBe(false);
    writeFileSync(join(lib, 'kafka_2.13-3.9.2.jar'), '');
    expect(hasKafkaJars(lib, '3.9.2')).toBe(false);
    writeFileSync(join(lib, 'slf4j-reload4j-1.7.36.jar'), '');
    expect(hasKafkaJars(lib, '3.9.2')).toBe(true);
    expect(hasKafkaJars(lib, '3.9.3')).toBe(false);
  });
});
