import type { ProjectionDefinition } from './projection';

/** The projections this process knows, by name. */
export class ProjectionRegistry {
  private readonly byName = new Map<string, ProjectionDefinition>();

  /** Adds a definition; registering the same object again is harmless, another one under a taken name is refused. */
  register<Definition extends ProjectionDefinition>(definition: Definition): Definition {
    const existing = this.byName.get(definition.name);
    if (existing && existing !== definition) {
      throw new Error(
        `Two projections are named "${definition.name}" (versions ${existing.version} and ${definition.version}); ` +
          `they would share one schema — rename one of them`,
      );
    }
    this.byName.set(definition.name, definition);
    return definition;
  }

  get(name: string): ProjectionDefinition | undefined {
    return this.byName.get(name);
  }

  /** Like `get`, but explains which names exist when `name` is not one of them. */
  require(name: string): ProjectionDefinition {
    const definition = this.byName.get(name);
    if (!definition) {
      const known = this.list().map((p) => p.name);
      throw new Error(`No projection is named "${name}"; known projections: ${known.length ? known.join(', ') : 'none'}`);
    }
    return definition;
  }

  /** Every registered projection, by name. */
  list(): ProjectionDefinition[] {
    return [...this.byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}

/** The registry `defineProjection` fills when a projection's module is imported. */
export const projectionRegistry = new ProjectionRegistry();
