import { ReadModelSchemas } from './read-model-schemas';

describe('ReadModelSchemas', () => {
  it('uses the chosen schema, or projection_<name>', () => {
    const schemas = ReadModelSchemas.parse(['feature_requests=board_read']);
    expect(schemas.liveSchemaOf('feature_requests')).toBe('board_read');
    expect(schemas.liveSchemaOf('votes')).toBe('projection_votes');
  });

  it.each(['feature_requests', 'feature_requests=', 'a=b=c', 'feature_requests=Board-Read'])('refuses "%s"', (entry) => {
    expect(() => ReadModelSchemas.parse([entry])).toThrow(/--read-model-schema/);
  });
});
