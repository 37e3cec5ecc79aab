import { Inject, Injectable } from '@nestjs/common';
import type { CallerContext } from '@frm/caller';
import { timestampFromDate, type frmV1 } from '@frm/contracts';
import { assertMayActFor, isAdmin } from '../access/may-act-for';
import { DATA_REQUEST_LOG } from '../compliance.tokens';
import { RequestCheck } from '../requests/request-fields';
import type { DataRequestLog, DataRequestRecord } from './data-request-log';
import { statusAt } from './legal-deadline';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 500;

@Injectable()
export class ListDataRequestsHandler {
  constructor(@Inject(DATA_REQUEST_LOG) private readonly log: DataRequestLog) {}

  async execute(request: frmV1.ListDataRequestsRequest, caller: CallerContext): Promise<frmV1.ListDataRequestsResponse> {
    const check = new RequestCheck();
    // People see their own requests; an admin sees everybody's unless naming one subject.
    const subjectId = request.subjectId === '' && isAdmin(caller) ? undefined : check.subjectId('subject_id', request.subjectId, caller.subject);
    if (request.pageSize < 0 || request.pageSize > MAX_PAGE_SIZE) check.violation('page_size', `must be 0 (default ${DEFAULT_PAGE_SIZE}) to ${MAX_PAGE_SIZE}`, request.pageSize);
    const after = pageTokenOf(check, request.pageToken);
    check.done();
    if (subjectId !== undefined) assertMayActFor(caller, subjectId, 'Listing data requests');
    const limit = request.pageSize || DEFAULT_PAGE_SIZE;
    const rows = await this.log.list({ ...(subjectId ? { subjectId } : {}), ...(after ? { after } : {}), limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const now = new Date();
    return {
      dataRequests: page.map((row) => dataRequestMessageOf(row, now)),
      nextPageToken: rows.length > limit && last ? Buffer.from(JSON.stringify([last.requestedAt.toISOString(), last.id])).toString('base64url') : '',
    };
  }
}

// The token only says where the last page ended; who may see what is decided above on every call.
function pageTokenOf(check: RequestCheck, token: string): { requestedAt: Date; id: string } | undefined {
  if (token === '') return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as [string, string];
    const requestedAt = new Date(at);
    if (typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id) && !Number.isNaN(requestedAt.getTime())) return { requestedAt, id };
  } catch {
    // reported below
  }
  check.violation('page_token', 'is not a token this service gave; start again without one');
  return undefined;
}

function dataRequestMessageOf(row: DataRequestRecord, now: Date): frmV1.DataRequest {
  return {
    id: row.id,
    kind: `DATA_REQUEST_KIND_${row.kind.toUpperCase()}` as frmV1.DataRequestKind,
    subjectId: row.subjectId,
    requestedBy: row.requestedBy,
    regime: `PRIVACY_REGIME_${row.regime.toUpperCase()}` as frmV1.PrivacyRegime,
    requestTime: timestampFromDate(row.requestedAt),
    deadlineTime: timestampFromDate(row.deadline),
    status: `DATA_REQUEST_STATUS_${statusAt(row.status, row.deadline, now).toUpperCase()}` as frmV1.DataRequestStatus,
    completeTime: row.completedAt ? timestampFromDate(row.completedAt) : null,
    referenceId: row.id,
  };
}
