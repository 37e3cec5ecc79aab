/** The law a data request is made under. */
export type PrivacyRegime = 'gdpr' | 'ccpa';

/** Days to answer: GDPR Art. 12(3) one month (taken as 30 days), CCPA § 1798.130 45 days. */
export const DEADLINE_DAYS: Readonly<Record<PrivacyRegime, number>> = { gdpr: 30, ccpa: 45 };

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a request made at `requestedAt` under `regime` must be answered. */
export function legalDeadline(regime: PrivacyRegime, requestedAt: Date): Date {
  return new Date(requestedAt.getTime() + DEADLINE_DAYS[regime] * DAY_MS);
}

export type DataRequestStatus = 'in_progress' | 'completed' | 'failed' | 'overdue';

/** A request not completed by its deadline is overdue, whatever it was doing. */
export function statusAt(stored: 'in_progress' | 'completed' | 'failed', deadline: Date, now: Date): DataRequestStatus {
  return stored !== 'completed' && now.getTime() > deadline.getTime() ? 'overdue' : stored;
}
