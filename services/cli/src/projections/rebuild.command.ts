import { Command, InvalidArgumentError } from 'commander';
import { createLogger } from '@frm/logging';
import { checksumProjection, ProjectionRebuilder, type ProjectionChecksum } from '@frm/projections';
import type { SqlDatabase } from '@frm/postgres';
import { cancelOnInterrupt } from '../cancel-on-interrupt';
import { openCliStorage } from '../storage/cli-storage';
import { withEventStoreSchemaOption } from '../storage/storage-options';
import { invalidateCachedAnswers, type CachedAnswers } from './cached-answers';
import { knownProjection } from './known-projections';
import { ReadModelSchemas, withReadModelSchemaOption } from './read-model-schemas';
import { assertAuditable, auditRebuild, withRebuildAuditOptions, type RebuildAuditOptions } from './rebuild-audit';
import { RebuildProgressBar } from './rebuild-progress-bar';
import { eventStoreAsServicesReadIt } from './event-store-as-services-read-it';
import { auditOverride } from '../freeze/audit-override';
import { freezeGateOf } from '../freeze/cli-freeze-gate';

interface RebuildOptions extends RebuildAuditOptions {
  json?: boolean;
  forceReason?: string;
  batchSize?: number;
  eventStoreSchema: string;
  readModelSchema: string[];
}

/** `frm projections rebuild <name>`: a shadow copy built and swapped in while readers keep the live one. */
export function rebuildCommand(): Command {
  const command = new Command('rebuild')
    .description('rebuild a projection from the first event without downtime; Ctrl+C cancels and leaves the live copy as it was')
    .argument('<name>', 'projection to rebuild (see frm projections status)')
    .option('--batch-size <events>', 'events per transaction while building', positiveInteger)
    .option('--json', 'print the result as JSON instead of lines for people')
    .option('--force-reason <text>', 'on a wedding day (a Saturday, a blackout date): why the swap cannot wait, kept in the audit log');
  withEventStoreSchemaOption(command);
  withReadModelSchemaOption(command);
  withRebuildAuditOptions(command);
  return command.action(async (name: string, options: RebuildOptions) => {
    const projection = knownProjection(name);
    assertAuditable(options);
    const override = freezeGateOf('frm projections rebuild', { type: 'projection', id: projection.name }, options.actor, options.forceReason);
    const schema = ReadModelSchemas.parse(options.readModelSchema).liveSchemaOf(projection.name);
    const storage = await openCliStorage(options);
    try {
      if (override) await auditOverride(storage.db, options.auditSchema, override);
      const before = await checksumIfBuilt(storage.db, schema);
      const rebuilder = new ProjectionRebuilder({
        projection,
        eventStore: await eventStoreAsServicesReadIt(storage.db, storage.eventStore),
        db: storage.db,
        schema,
        batchSize: options.batchSize,
        // Warnings only, and on stderr: the progress bar tells the rest.
        logger: createLogger({ service: 'frm-cli', level: 'warn', destination: process.stderr }),
      });
      const interruption = cancelOnInterrupt();
      const progressBar = new RebuildProgressBar(projection.name);
      let result;
      try {
        result = await rebuilder.rebuild({ signal: interruption.signal, onProgress: (progress) => progressBar.update(progress) });
      } finally {
        progressBar.stop();
        interruption.dispose();
      }
      const cachedAnswers = await invalidateCachedAnswers(result.projection);
      const after = await checksumProjection(storage.db, schema);
      const report: RebuildReport & { version: number } = {
        projection: result.projection,
        version: result.version,
        schema: result.schema,
        eventsApplied: result.eventsApplied,
        durationMs: result.durationMs,
        checksumBefore: before?.checksum ?? null,
        checksumAfter: after.checksum,
        rows: Object.fromEntries(after.tables.map((table) => [table.table, table.rows])),
        cachedAnswers,
      };
      const audited = await auditRebuild(storage.db, options, report);
      process.stdout.write(options.json ? `${JSON.stringify({ ...report, audited: audited !== undefined })}\n` : `${describe(report)}${audited ? `${audited}\n` : ''}`);
    } finally {
      await storage.close();
    }
  });
}

async function checksumIfBuilt(db: SqlDatabase, schema: string): Promise<ProjectionChecksum | undefined> {
  const rows = await db.query<{ found: boolean }>('select exists (select 1 from pg_namespace where nspname = $1) as found', [schema]);
  return rows[0]?.found ? checksumProjection(db, schema) : undefined;
}

interface RebuildReport {
  projection: string;
  schema: string;
  eventsApplied: number;
  durationMs: number;
  checksumBefore: string | null;
  checksumAfter: string;
  rows: Record<string, number>;
  cachedAnswers: CachedAnswers;
}

function describe(report: RebuildReport): string {
  const rows = Object.entries(report.rows).map(([table, count]) => `${table} ${count}`).join(', ');
  const verdict =
    report.checksumBefore === null
      ? 'there was no live copy before'
      : report.checksumBefore === report.checksumAfter
        ? 'same rows as before'
        : 'rows differ from before (events appended during the rebuild, or the handler changed)';
  return [
    `rebuilt ${report.projection} into ${report.schema}: ${report.eventsApplied} events applied in ${report.durationMs} ms`,
    `checksum before: ${report.checksumBefore ?? '-'}`,
    `checksum after:  ${report.checksumAfter} (${verdict})`,
    `rows: ${rows || 'none'}`,
    `cached answers: ${report.cachedAnswers.detail}`,
    '',
  ].join('\n');
}

function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError('expected a whole number from 1');
  return value;
}
