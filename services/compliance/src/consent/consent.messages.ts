import { timestampFromDate, type frmV1 } from '@frm/contracts';
import { CONSENT_PURPOSES, isConsentPurpose, type ConsentPurpose, type DataSubjectState } from '../subjects/domain';
import type { RequestCheck } from '../requests/request-fields';

const PURPOSE_PREFIX = 'CONSENT_PURPOSE_';

export function purposeFromMessage(check: RequestCheck, value: string): ConsentPurpose {
  const purpose = value.startsWith(PURPOSE_PREFIX) ? value.slice(PURPOSE_PREFIX.length).toLowerCase() : '';
  if (isConsentPurpose(purpose)) return purpose;
  check.violation('purpose', `must be one of ${CONSENT_PURPOSES.map((name) => PURPOSE_PREFIX + name.toUpperCase()).join(', ')}`);
  return 'product_updates';
}

export function consentMessageOf(subjectId: string, purpose: ConsentPurpose, state: DataSubjectState): frmV1.Consent {
  const consent = state.consents[purpose];
  return {
    subjectId,
    purpose: `${PURPOSE_PREFIX}${purpose.toUpperCase()}` as frmV1.ConsentPurpose,
    granted: consent?.granted ?? false,
    textVersion: consent?.textVersion ?? '',
    updateTime: consent ? timestampFromDate(consent.changedAt) : null,
  };
}
