import { defaultProjectionSchemaName, projectionSchema, projectionSchemaNames } from './projection-schema';

describe('projection schemas', () => {
  it('derives the shadow, retired and scratch schemas from the live one', () => {
    expect(projectionSchemaNames(defaultProjectionSchemaName('tallies'))).toEqual({
      live: 'projection_tallies',
      shadow: 'projection_tallies__rebuild',
      retired: 'projection_tallies__retired',
      scratch: 'projection_tallies__verify',
    });
  });

  it('refuses a live schema whose shadow would not fit in a Postgres name', () => {
    expect(() => projectionSchemaNames('p'.repeat(55))).toThrow('at most 54 characters');
    expect(() => projectionSchemaNames('Projection')).toThrow('lower-case letters');
  });

  it('quotes qualified table names', () => {
    expect(projectionSchema('projection_tallies').table('votes')).toBe('"projection_tallies"."votes"');
  });
});
