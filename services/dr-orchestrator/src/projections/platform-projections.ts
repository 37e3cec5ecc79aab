// Importing a service defines its projections in the shared registry: a new service's projections
// are covered once it is imported here (as the frm tool does).
import '@frm/compliance';
import '@frm/intake';
import '@frm/notifications';
import '@frm/triage';
import '@frm/voting';
import { projectionRegistry, type ProjectionDefinition } from '@frm/projections';

export function platformProjections(): ProjectionDefinition[] {
  return projectionRegistry.list();
}
