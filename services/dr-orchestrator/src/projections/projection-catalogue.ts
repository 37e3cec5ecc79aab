import { NotFoundError } from '@frm/grpc-errors';
import { defaultProjectionSchemaName, type ProjectionDefinition } from '@frm/projections';

/** The projections this orchestrator looks after, and the schema each one's live copy is in. */
export class ProjectionCatalogue {
  private readonly byName: ReadonlyMap<string, ProjectionDefinition>;

  constructor(
    projections: readonly ProjectionDefinition[],
    private readonly schemas: Readonly<Record<string, string>> = {},
  ) {
    this.byName = new Map([...projections].sort((a, b) => a.name.localeCompare(b.name)).map((projection) => [projection.name, projection]));
  }

  list(): ProjectionDefinition[] {
    return [...this.byName.values()];
  }

  /** NOT_FOUND names the known projections, so a typo is fixed at once. */
  get(name: string): ProjectionDefinition {
    const projection = this.byName.get(name);
    if (!projection) {
      throw new NotFoundError('projection', `"${name}" (known projections: ${[...this.byName.keys()].join(', ') || 'none'})`);
    }
    return projection;
  }

  liveSchemaOf(name: string): string {
    return this.schemas[name] ?? defaultProjectionSchemaName(name);
  }
}
