import type { Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import type { ProjectionSchema } from '@frm/projections';
import { v5 as uuidv5 } from 'uuid';
import { deliveryLogTables } from './delivery-log';
import { latestEndedPeriod, type DigestFrequency } from './digest-period';

export interface DigestBuilderOptions {
  readonly db: SqlDatabase;
  readonly readModel: ProjectionSchema;
  readonly logSchema: string;
  readonly clock: () => Date;
  readonly logger: Logger;
}

/**
 * Gathers the notices of people who chose a digest into one mail per person and period. The digest's
 * id derives from the person and the period, and it is made in one transaction with the marks on
 * what it holds: built once, whatever the retries. A notice that arrives after its period's digest
 * was built waits for the next one.
 */
export class DigestBuilder {
  private readonly tables;

  constructor(private readonly options: DigestBuilderOptions) {
    this.tables = deliveryLogTables(options.logSchema);
  }

  async round(): Promise<boolean> {
    const now = this.options.clock();
    const waiting = await this.options.db.query<{ recipient_id: string; oldest: Date; digest: string; time_zone: string }>(
      `select s.recipient_id, min(s.occurred_at) as oldest, coalesce(p.preferences ->> 'digest', '') as digest, coalesce(p.preferences ->> 'timeZone', 'UTC') as time_zone
       from ${this.tables.state} s left join ${this.options.readModel.table('preferences')} p on p.recipient_id = s.recipient_id
       where s.channel = 'digest' and s.status = 'pending'
       group by s.recipient_id, p.preferences`,
    );
    let built = 0;
    for (const person of waiting) {
      // A person who went back to single mails still gets what was gathered, as a daily digest.
      const frequency: DigestFrequency = person.digest === 'DIGEST_FREQUENCY_WEEKLY' ? 'DIGEST_FREQUENCY_WEEKLY' : 'DIGEST_FREQUENCY_DAILY';
      const period = latestEndedPeriod(frequency, person.time_zone || 'UTC', now);
      if (person.oldest.getTime() >= period.end.getTime()) continue;
      if (await this.build(person.recipient_id, period.label, period.end, now)) built += 1;
    }
    if (built > 0) this.options.logger.info({ digests: built }, `built ${built} digest mail(s)`);
    return false;
  }

  private build(recipientId: string, period: string, end: Date, now: Date): Promise<boolean> {
    const id = uuidv5(`${recipientId}/${period}`, DIGEST_NAMESPACE);
    return this.options.db.transaction(async (tx) => {
      const made = await tx.query(
        `insert into ${this.tables.digests} (id, recipient_id, period, period_end, built_at) values ($1, $2, $3, $4, $5) on conflict (id) do nothing returning id`,
        [id, recipientId, period, end, now],
      );
      if (made.length === 0) return false;
      await tx.query(
        `update ${this.tables.state} set status = 'sent', digest_id = $1, updated_at = $4
         where channel = 'digest' and status = 'pending' and recipient_id = $2 and occurred_at < $3`,
        [id, recipientId, end, now],
      );
      await tx.query(
        `insert into ${this.tables.state} (delivery_id, channel, recipient_id, status, due_at, occurred_at, updated_at)
         values ($1, 'email', $2, 'pending', $3, $4, $3) on conflict (delivery_id) do nothing`,
        [id, recipientId, now, end],
      );
      return true;
    });
  }
}

// Fixed, random: a digest's id derives from its person and period in every release.
const DIGEST_NAMESPACE = '5b0f7c2e-9d41-4e6a-8c37-2a1e6f4d9b80';
