import { testPglite } from '@frm/testing';
import { describeIntakeService } from './support/intake-service.suite';

describeIntakeService('embedded PGlite', async () => {
  const pglite = await testPglite();
  return { db: pglite.db, cleanup: () => pglite.cleanup() };
});
