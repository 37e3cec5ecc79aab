import { Inject, Injectable } from '@nestjs/common';
import type { frmV1 } from '@frm/contracts';
import { NotFoundError } from '@frm/grpc-errors';
import { priorityRowOf } from '../read-model/priority.queries';
import { TriageReadModel } from '../read-model/triage.read-model';
import { checkFeatureRequestId } from '../requests/command-id';
import type { TriageConfig } from '../triage.config';
import { TRIAGE_CONFIG } from '../triage.tokens';
import { priorityMessage } from './priority.messages';
import { priorityOfRow } from './priority-of-row';

/** A request's score and its breakdown, at triage's event time. */
@Injectable()
export class GetPriorityHandler {
  constructor(
    private readonly readModel: TriageReadModel,
    @Inject(TRIAGE_CONFIG) private readonly config: TriageConfig,
  ) {}

  async execute(request: Pick<frmV1.GetPriorityRequest, 'featureRequestId'>): Promise<frmV1.Priority> {
    const id = checkFeatureRequestId(request.featureRequestId);
    if (!(await this.readModel.requestExists(id))) throw new NotFoundError('feature request', id);
    return this.priorityOf(id);
  }

  /** For a request known to exist. */
  async priorityOf(id: string): Promise<frmV1.Priority> {
    const [row, clock] = await Promise.all([priorityRowOf(this.readModel.db, this.readModel.schema, this.readModel.derived, id), this.readModel.clock()]);
    if (!row || !clock) throw new NotFoundError('feature request', id);
    return priorityMessage(row, priorityOfRow(row, clock.getTime(), this.config.trendHalfLifeMs, this.config.priority), clock);
  }
}
