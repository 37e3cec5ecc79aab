import { INITIAL_DATA_SUBJECT_STATE, type DataSubjectState } from './data-subject';
import type { DataSubjectCommand } from './data-subject.commands';
import { decide } from './data-subject.decide';
import type { DataSubjectEvent } from './data-subject.events';
import { evolveAll } from './data-subject.evolve';

const subjectId = 'a0000000-0000-4000-8000-000000000001';
const at = new Date('2026-06-01T10:00:00Z');
const later = new Date('2026-06-02T10:00:00Z');

function run(...commands: DataSubjectCommand[]): { events: DataSubjectEvent[]; state: DataSubjectState } {
  const events: DataSubjectEvent[] = [];
  let state = INITIAL_DATA_SUBJECT_STATE;
  for (const command of commands) {
    const appended = decide(command, state);
    events.push(...appended);
    state = evolveAll(appended, state);
  }
  return { events, state };
}

describe('data subject decide', () => {
  it('records a consent with its text version, once per version', () => {
    const consent = { kind: 'RecordConsent', subjectId, purpose: 'analytics', textVersion: 'v1', at } as const;
    const { events, state } = run(consent, consent, { ...consent, textVersion: 'v2', at: later });
    expect(events.map((event) => event.type)).toEqual(['SubjectConsentRecorded', 'SubjectConsentRecorded']);
    expect(state.consents.analytics).toEqual({ granted: true, textVersion: 'v2', changedAt: later });
  });

  it('withdraws a granted consent, keeping the version that was withdrawn; withdrawing again appends nothing', () => {
    const withdraw = { kind: 'WithdrawConsent', subjectId, purpose: 'marketing_email', at: later } as const;
    const { events, state } = run({ kind: 'RecordConsent', subjectId, purpose: 'marketing_email', textVersion: '2026-01', at }, withdraw, withdraw);
    expect(events.map((event) => event.type)).toEqual(['SubjectConsentRecorded', 'SubjectConsentWithdrawn']);
    expect(state.consents.marketing_email).toEqual({ granted: false, textVersion: '2026-01', changedAt: later });
  });

  it('withdrawing a consent never given appends nothing', () => {
    expect(decide({ kind: 'WithdrawConsent', subjectId, purpose: 'do_not_sell_or_share', at }, INITIAL_DATA_SUBJECT_STATE)).toEqual([]);
  });

  it('appends SubjectErased once per certificate, however often the erasure is completed', () => {
    const complete = { kind: 'CompleteErasure', subjectId, certificateId: 'c1', keyId: 'k1', at } as const;
    const { events } = run(complete, complete, { ...complete, at: later });
    expect(events).toEqual([{ type: 'SubjectErased', subjectId, occurredAt: at, certificateId: 'c1', keyId: 'k1' }]);
    expect(run(complete, { ...complete, certificateId: 'c2', keyId: '' }).events).toHaveLength(2);
  });
});
