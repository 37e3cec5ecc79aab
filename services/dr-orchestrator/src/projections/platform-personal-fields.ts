import { INTAKE_PERSONAL_FIELDS } from '@frm/intake';
import { NOTIFICATIONS_PERSONAL_FIELDS } from '@frm/notifications';
import type { PiiFieldMap } from '@frm/pii';
import { TRIAGE_PERSONAL_FIELDS } from '@frm/triage';
import { VOTING_PERSONAL_FIELDS } from '@frm/voting';

/**
 * What any service's projections read decrypted, by event type: a rebuild must see the events as
 * the service that owns the projection sees them, or it would store ciphertext where the live copy
 * has text. Fields that a projection does not read change nothing when decrypted.
 */
export function platformPersonalFields(maps: readonly PiiFieldMap[] = [INTAKE_PERSONAL_FIELDS, VOTING_PERSONAL_FIELDS, NOTIFICATIONS_PERSONAL_FIELDS, TRIAGE_PERSONAL_FIELDS]): PiiFieldMap {
  const merged: Record<string, { subjectField: string; fields: string[] }> = {};
  for (const map of maps) {
    for (const [type, rule] of Object.entries(map)) {
      const known = merged[type];
      if (!known) merged[type] = { subjectField: rule.subjectField, fields: [...rule.fields] };
      else if (known.subjectField !== rule.subjectField) {
        throw new Error(`two services encrypt ${type} under different subjects (${known.subjectField} and ${rule.subjectField}); make them agree`);
      } else known.fields = [...new Set([...known.fields, ...rule.fields])];
    }
  }
  return merged;
}
