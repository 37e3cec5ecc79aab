import type { ProjectionDefinition } from './projection';
import { projectionRegistry, type ProjectionRegistry } from './projection-registry';

const NAME = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * Checks a definition and registers it, so that operations tooling can list it. Call it where
 * the projection is declared: importing the module is what registers it.
 */
export function defineProjection<Definition extends ProjectionDefinition>(
  definition: Definition,
  registry: ProjectionRegistry = projectionRegistry,
): Definition {
  assertValidDefinition(definition);
  return registry.register(definition);
}

export function assertValidDefinition(definition: ProjectionDefinition): void {
  const problems: string[] = [];
  if (!NAME.test(definition.name)) problems.push('its name must match [a-z][a-z0-9_]* and have at most 40 characters');
  if (!Number.isInteger(definition.version) || definition.version < 1) problems.push('its version must be a whole number from 1');
  if (!Array.isArray(definition.eventTypePrefixes) || definition.eventTypePrefixes.some((p) => typeof p !== 'string' || !p)) {
    problems.push('eventTypePrefixes must be a list of non-empty strings (an empty list reads every event)');
  }
  if (typeof definition.schemaSql !== 'function' || typeof definition.handle !== 'function') {
    problems.push('it needs a schemaSql and a handle function');
  }
  if (problems.length) throw new TypeError(`Projection "${definition.name}" is not valid: ${problems.join('; ')}`);
}
