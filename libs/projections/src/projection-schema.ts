import { quoteIdent } from '@frm/postgres';
import type { ProjectionSchema } from './projection';

const MAX_IDENTIFIER_LENGTH = 63;
const LONGEST_SUFFIX = '__rebuild'.length;

/** The schemas one projection uses: readers only ever name `live`. */
export interface ProjectionSchemaNames {
  live: string;
  /** Where a rebuild builds the next live copy. */
  shadow: string;
  /** The previous live copy between a swap and its drop. */
  retired: string;
  /** Where `verify` builds a copy to compare with the live one. */
  scratch: string;
}

/** `projection_<name>`: where readers find a projection's tables unless the host chose another schema. */
export function defaultProjectionSchemaName(projectionName: string): string {
  return `projection_${projectionName}`;
}

export function projectionSchemaNames(live: string): ProjectionSchemaNames {
  if (!/^[a-z_][a-z0-9_]*$/.test(live) || live.length > MAX_IDENTIFIER_LENGTH - LONGEST_SUFFIX) {
    throw new RangeError(
      `"${live}" cannot hold a projection: use lower-case letters, digits and "_" and at most ` +
        `${MAX_IDENTIFIER_LENGTH - LONGEST_SUFFIX} characters, so that its shadow schemas fit Postgres' ${MAX_IDENTIFIER_LENGTH}-character names`,
    );
  }
  return { live, shadow: `${live}__rebuild`, retired: `${live}__retired`, scratch: `${live}__verify` };
}

export function projectionSchema(name: string): ProjectionSchema {
  const schema = quoteIdent(name);
  return { name, table: (table) => `${schema}.${quoteIdent(table)}` };
}
