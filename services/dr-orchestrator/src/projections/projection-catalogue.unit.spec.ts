import { status } from '@grpc/grpc-js';
import type { ProjectionDefinition } from '@frm/projections';
import { platformProjections } from './platform-projections';
import { ProjectionCatalogue } from './projection-catalogue';

const definition = (name: string): ProjectionDefinition => ({ name, version: 1, eventTypePrefixes: [], schemaSql: () => [], handle: () => [] });

describe('ProjectionCatalogue', () => {
  it('covers every projection the services define, by name', () => {
    expect(new ProjectionCatalogue(platformProjections()).list().map((projection) => projection.name)).toEqual(
      expect.arrayContaining(['compliance_subject_index', 'feature_requests', 'notifications', 'triage', 'votes']),
    );
  });

  it('finds a projection and its live schema, and answers NOT_FOUND with the known names', () => {
    const catalogue = new ProjectionCatalogue([definition('votes'), definition('feature_requests')], { votes: 'custom_votes' });
    expect(catalogue.get('votes').name).toBe('votes');
    expect(catalogue.liveSchemaOf('votes')).toBe('custom_votes');
    expect(catalogue.liveSchemaOf('feature_requests')).toBe('projection_feature_requests');
    expect(() => catalogue.get('vote')).toThrow(expect.objectContaining({ code: status.NOT_FOUND, message: 'projection "vote" (known projections: feature_requests, votes) was not found' }));
  });
});
