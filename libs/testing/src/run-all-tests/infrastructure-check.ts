import Redis from 'ioredis';
import { openPgDatabase } from '@frm/postgres';
import { defaultTestDatabaseUrl } from '../postgres/test-postgres';
import { defaultTestRedisUrl } from '../redis/test-redis';

/** Fails with one line per missing server, each saying how to start it on this kind of machine. */
export async function checkInfrastructure(): Promise<void> {
  const problems: string[] = [];
  try {
    const db = await openPgDatabase({ connectionString: process.env['FRM_TEST_DATABASE_URL'] ?? defaultTestDatabaseUrl });
    await db.close();
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  const redisUrl = process.env['FRM_TEST_REDIS_URL'] ?? defaultTestRedisUrl;
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    const reason = (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
    problems.push(
      `Redis did not answer at ${redisUrl} (${reason}); start it with: redis-server --daemonize yes --bind 127.0.0.1 -::1 ` +
        `--port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log`,
    );
  } finally {
    redis.disconnect();
  }
  if (problems.length) throw new Error(problems.join('\n'));
}
