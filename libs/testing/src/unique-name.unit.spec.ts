import { uniqueName } from './unique-name';

describe('uniqueName', () => {
  it('starts with the prefix and fits Kafka topics and SQL identifiers', () => {
    expect(uniqueName('votes')).toMatch(/^votes-[a-z0-9]+-[a-f0-9]{10}$/);
    expect(uniqueName('test', '_')).toMatch(/^test_[a-z0-9]+_[a-f0-9]{10}$/);
  });

  it('never repeats', () => {
    expect(new Set(Array.from({ length: 1_000 }, () => uniqueName('t'))).size).toBe(1_000);
  });
});
