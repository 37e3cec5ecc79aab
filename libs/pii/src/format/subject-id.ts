import { InvalidSubjectIdError } from '../errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The canonical (lower-case) form of a subject id, so that one person always has one key and one
 * spelling in associated data, whatever case the token issuer used.
 * @throws InvalidSubjectIdError when it is not a UUID
 */
export function canonicalSubjectId(subjectId: string): string {
  if (!UUID.test(subjectId)) throw new InvalidSubjectIdError(subjectId);
  return subjectId.toLowerCase();
}
