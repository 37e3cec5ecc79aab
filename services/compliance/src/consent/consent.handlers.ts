import { Injectable } from '@nestjs/common';
import type { CallerContext } from '@frm/caller';
import type { frmV1 } from '@frm/contracts';
import { assertMayActFor } from '../access/may-act-for';
import { commandIdOf, RequestCheck } from '../requests/request-fields';
import { DataSubjectRepository } from '../subjects/data-subject.repository';
import { CONSENT_PURPOSES } from '../subjects/domain';
import { consentMessageOf, purposeFromMessage } from './consent.messages';

const TEXT_VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** RecordConsent, WithdrawConsent and ListConsents: a subject's consents, kept as events in their stream. */
@Injectable()
export class ConsentHandlers {
  constructor(private readonly subjects: DataSubjectRepository) {}

  async record(request: frmV1.RecordConsentRequest, caller: CallerContext): Promise<frmV1.Consent> {
    const check = new RequestCheck();
    const requestId = check.requestId(request.requestId);
    const subjectId = check.subjectId('subject_id', request.subjectId, caller.subject);
    const purpose = purposeFromMessage(check, String(request.purpose));
    if (!TEXT_VERSION.test(request.textVersion)) {
      check.violation('text_version', 'must name the version of the text agreed to: 1 to 64 letters, digits, ".", "_" or "-" (e.g. 2026-01)');
    }
    check.done();
    assertMayActFor(caller, subjectId, 'Recording consent');
    const outcome = await this.subjects.execute(commandIdOf('RecordConsent', caller.subject, requestId), caller.subject, {
      kind: 'RecordConsent',
      subjectId,
      purpose,
      textVersion: request.textVersion,
      at: new Date(),
    });
    return consentMessageOf(subjectId, purpose, outcome.state);
  }

  async withdraw(request: frmV1.WithdrawConsentRequest, caller: CallerContext): Promise<frmV1.Consent> {
    const check = new RequestCheck();
    const requestId = check.requestId(request.requestId);
    const subjectId = check.subjectId('subject_id', request.subjectId, caller.subject);
    const purpose = purposeFromMessage(check, String(request.purpose));
    check.done();
    assertMayActFor(caller, subjectId, 'Withdrawing consent');
    const outcome = await this.subjects.execute(commandIdOf('WithdrawConsent', caller.subject, requestId), caller.subject, {
      kind: 'WithdrawConsent',
      subjectId,
      purpose,
      at: new Date(),
    });
    return consentMessageOf(subjectId, purpose, outcome.state);
  }

  async list(request: frmV1.ListConsentsRequest, caller: CallerContext): Promise<frmV1.ListConsentsResponse> {
    const check = new RequestCheck();
    const subjectId = check.subjectId('subject_id', request.subjectId, caller.subject);
    check.done();
    assertMayActFor(caller, subjectId, 'Listing consents');
    const state = await this.subjects.load(subjectId);
    return { consents: CONSENT_PURPOSES.map((purpose) => consentMessageOf(subjectId, purpose, state)) };
  }
}
