import { randomInt } from 'node:crypto';

/** Every scratch schema of a restore drill starts with this, and nothing else should. */
export const DRILL_SCHEMA_PREFIX = 'drill_';

// The id leads with the start time (seconds, base 36), so a drill left behind by a killed process
// can be told from a running one by its schemas' names alone: Postgres keeps no creation times.
const ID_TIME_DIGITS = 7;
const ID_RANDOM_DIGITS = 4;
const DRILL_SCHEMA = new RegExp(`^${DRILL_SCHEMA_PREFIX}([0-9a-z]{${ID_TIME_DIGITS}})[0-9a-z]{${ID_RANDOM_DIGITS}}_[a-z0-9_]+$`);

/**
 * The scratch schemas of one drill, all named `drill_<id>_…` in the live database: PGlite holds one
 * database only, and comparing two copies of a projection needs both in one connection. The
 * longest, `drill_<11>_ref_<40-character projection name>`, fits Postgres' 63-character names.
 */
export class DrillSchemas {
  /** `drill_<id>_`: every schema of this drill starts with it. */
  readonly prefix: string;
  /** The restored event store. */
  readonly events: string;
  /** An empty key table: compliance deletes erased keys here, never in the live one. */
  readonly keys: string;
  /** An audit log of its own, so the drill adds nothing to the live one. */
  readonly audit: string;
  /** A copy of the live erasure ledger, which re-applying it may mark completed. */
  readonly ledger: string;

  constructor(readonly id: string) {
    this.prefix = `${DRILL_SCHEMA_PREFIX}${id}_`;
    this.events = `${this.prefix}events`;
    this.keys = `${this.prefix}keys`;
    this.audit = `${this.prefix}audit`;
    this.ledger = `${this.prefix}ledger`;
  }

  static forDrillStartedAt(startedAt: Date): DrillSchemas {
    const time = Math.floor(startedAt.getTime() / 1000).toString(36).padStart(ID_TIME_DIGITS, '0');
    const random = randomInt(36 ** ID_RANDOM_DIGITS).toString(36).padStart(ID_RANDOM_DIGITS, '0');
    return new DrillSchemas(`${time}${random}`);
  }

  /** The projection rebuilt from the restored events. */
  restoredCopy(projection: string): string {
    return `${this.prefix}${projection}`;
  }

  /** The projection built from the live events up to the backup's last one, to compare with. */
  referenceCopy(projection: string): string {
    return `${this.prefix}ref_${projection}`;
  }
}

/** When the drill that made `schema` started; `undefined` for a name no drill makes. */
export function drillStartedAt(schema: string): Date | undefined {
  const time = DRILL_SCHEMA.exec(schema)?.[1];
  return time === undefined ? undefined : new Date(parseInt(time, 36) * 1000);
}
