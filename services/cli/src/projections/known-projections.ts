// Importing a service defines its projections in the shared registry; add each new service here.
import '@frm/intake';
import '@frm/voting';
import '@frm/notifications';
import '@frm/triage';
import { projectionRegistry, type ProjectionDefinition } from '@frm/projections';
import { CliError } from '../cli-error';

export function knownProjections(): ProjectionDefinition[] {
  return projectionRegistry.list();
}

export function knownProjection(name: string): ProjectionDefinition {
  const definition = projectionRegistry.get(name);
  if (!definition) {
    const names = knownProjections().map((projection) => projection.name);
    throw new CliError(`no projection is named "${name}"; known projections: ${names.join(', ') || 'none'} (see frm projections status)`);
  }
  return definition;
}
