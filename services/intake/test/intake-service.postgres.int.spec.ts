import { quoteIdent } from '@frm/postgres';
import { testPostgres } from '@frm/testing';
import { describeIntakeService } from './support/intake-service.suite';

describeIntakeService('server Postgres', async () => {
  const postgres = await testPostgres({ prefix: 'intake' });
  const options = { eventStoreSchema: `${postgres.schema}_events`, readModelSchema: `${postgres.schema}_read` };
  return {
    db: postgres.db,
    options,
    async cleanup() {
      // The service has closed: the store and the projection leave their schemas behind.
      for (const schema of [options.eventStoreSchema, options.readModelSchema]) {
        await postgres.db.exec(`drop schema if exists ${quoteIdent(schema)} cascade`);
      }
      await postgres.cleanup();
    },
  };
});
