import { randomBytes } from 'node:crypto';

const reservedIds = new Set(['AAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAAQ']);

// Made here in Kafka's own format (16 random bytes, URL-safe base64) to spare a JVM start for
// `StorageTool random-uuid`. Like Kafka's `Uuid.randomUuid`, it avoids the reserved ids and a leading
// '-', which the tool's argument parser would read as an option.
export function randomClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-') && !reservedIds.has(id)) return id;
  }
}
