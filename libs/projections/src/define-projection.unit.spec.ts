import { defineProjection } from './define-projection';
import type { ProjectionDefinition } from './projection';
import { ProjectionRegistry } from './projection-registry';

const projection = (overrides: Partial<ProjectionDefinition> = {}): ProjectionDefinition => ({
  name: 'request_tallies',
  version: 1,
  eventTypePrefixes: ['Vote.'],
  schemaSql: () => [],
  handle: () => [],
  ...overrides,
});

describe('defineProjection', () => {
  it('registers a valid definition and returns it unchanged', () => {
    const registry = new ProjectionRegistry();
    const definition = projection();
    expect(defineProjection(definition, registry)).toBe(definition);
    expect(registry.list()).toEqual([definition]);
  });

  it.each([
    ['a name that is not an identifier', { name: 'Request-Tallies' }, 'its name must match'],
    ['a version below 1', { version: 0 }, 'its version must be a whole number'],
    ['an empty prefix', { eventTypePrefixes: [''] }, 'eventTypePrefixes must be a list of non-empty strings'],
  ])('refuses %s, saying what is wrong', (_case, overrides, message) => {
    const registry = new ProjectionRegistry();
    expect(() => defineProjection(projection(overrides), registry)).toThrow(message);
    expect(registry.list()).toEqual([]);
  });
});

describe('ProjectionRegistry', () => {
  it('lists projections by name', () => {
    const registry = new ProjectionRegistry();
    registry.register(projection({ name: 'b_tallies' }));
    registry.register(projection({ name: 'a_inbox' }));
    expect(registry.list().map((p) => p.name)).toEqual(['a_inbox', 'b_tallies']);
  });

  it('accepts the same definition twice but refuses another one under a taken name', () => {
    const registry = new ProjectionRegistry();
    const first = registry.register(projection());
    expect(registry.register(first)).toBe(first);
    expect(() => registry.register(projection({ version: 2 }))).toThrow('Two projections are named "request_tallies"');
  });

  it('names the known projections when asked for an unknown one', () => {
    const registry = new ProjectionRegistry();
    registry.register(projection());
    expect(() => registry.require('tallies')).toThrow('known projections: request_tallies');
  });
});
