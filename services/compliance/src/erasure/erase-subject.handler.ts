import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { CallerContext } from '@frm/caller';
import { timestampFromDate, type frmV1 } from '@frm/contracts';
import { assertMayActFor } from '../access/may-act-for';
import { SUBJECT_ERASER } from '../compliance.tokens';
import { RequestCheck } from '../requests/request-fields';
import type { ErasureCertificate } from './erasure-certificate';
import type { SubjectEraser } from './subject-eraser';

const OWN_ERASURE_REASON = 'erasure requested by the data subject';

@Injectable()
export class EraseSubjectHandler implements OnApplicationBootstrap {
  constructor(@Inject(SUBJECT_ERASER) private readonly eraser: SubjectEraser) {}

  // Before the first call: an erasure a stopped process left half done is completed now.
  async onApplicationBootstrap(): Promise<void> {
    await this.eraser.completeInterrupted();
  }

  async execute(request: frmV1.EraseSubjectRequest, caller: CallerContext): Promise<frmV1.ErasureCertificate> {
    const ids = new RequestCheck();
    const subjectId = ids.subjectId('subject_id', request.subjectId);
    ids.done();
    assertMayActFor(caller, subjectId, 'Erasure');
    const check = new RequestCheck();
    const reason = check.reason(request.reason, subjectId !== caller.subject);
    const regime = check.regime(String(request.regime));
    check.done();
    const certificate = await this.eraser.erase({ subjectId, requestedBy: caller.subject, reason: reason || OWN_ERASURE_REASON, regime });
    return certificateMessageOf(certificate);
  }
}

export function certificateMessageOf(certificate: ErasureCertificate): frmV1.ErasureCertificate {
  return {
    certificateId: certificate.certificateId,
    subjectId: certificate.subjectId,
    eraseTime: timestampFromDate(new Date(certificate.erasedAt)),
    erased: certificate.erased.map((item) => ({ ...item })),
    storesChecked: [...certificate.storesChecked],
    requestedBy: certificate.requestedBy,
  };
}
