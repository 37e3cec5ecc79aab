import { readFileSync } from 'node:fs';
import { kafkaHome } from './kafka-home';
import { renderServerProperties } from './server-properties';

describe('renderServerProperties', () => {
  const settings = { brokerPort: 39092, controllerPort: 39093, logDir: '/tmp/run/data' };

  it('fills every placeholder of the shipped template', () => {
    const properties = renderServerProperties(readFileSync(kafkaHome.serverTemplate, 'utf8'), settings);
    expect(properties).not.toMatch(/@[A-Z_]+@/);
    expect(properties).toContain('listeners=PLAINTEXT://127.0.0.1:39092,CONTROLLER://127.0.0.1:39093');
    expect(properties).toContain('advertised.listeners=PLAINTEXT://127.0.0.1:39092\n');
    expect(properties).toContain('controller.quorum.voters=1@127.0.0.1:39093');
    expect(properties).toContain('log.dirs=/tmp/run/data');
  });

  it('keeps the single-node settings that coordinators and fast joins need', () => {
    const properties = renderServerProperties(readFileSync(kafkaHome.serverTemplate, 'utf8'), settings);
    for (const line of [
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'transaction.state.log.num.partitions=1',
      'group.initial.rebalance.delay.ms=0',
      'auto.create.topics.enable=true',
    ]) {
      expect(properties.split('\n')).toContain(line);
    }
  });

  it('refuses a placeholder it does not know rather than leaving it for Kafka to misread', () => {
    expect(() => renderServerProperties('log.dirs=@DATA@', settings)).toThrow(/unknown placeholder @DATA@/);
  });
});
