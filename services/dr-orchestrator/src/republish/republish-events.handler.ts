import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { CallerContext } from '@frm/caller';
import { loadEventSchemaRegistry, type frmV1 } from '@frm/contracts';
import { formatPosition, type EventStore } from '@frm/event-store';
import { FailedPreconditionError } from '@frm/grpc-errors';
import type { Logger } from '@frm/logging';
import { EventProducer, type EventProducerOptions, type EventRoute } from '@frm/messaging';
import { LOGGER, RAW_EVENT_STORE, REPUBLISH_KAFKA, REPUBLISH_ROUTES } from '../dr-orchestrator.tokens';
import { RiskyOperationGate } from '../freeze/risky-operation-gate';
import { streamedWork } from '../streamed-work';
import { republishEvents, type RepublishProgress } from './event-republisher';
import { republishPlanOf } from './republish-plan';

/** RepublishEvents: through the wedding-day gate, then the plan's events to Kafka again, with progress. */
@Injectable()
export class RepublishEventsHandler {
  constructor(
    @Inject(RAW_EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(REPUBLISH_ROUTES) private readonly routes: readonly EventRoute[],
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly gate: RiskyOperationGate,
    @Optional() @Inject(REPUBLISH_KAFKA) private readonly kafka?: EventProducerOptions,
  ) {}

  execute(request: frmV1.RepublishEventsRequest, caller: CallerContext): Observable<frmV1.RepublishEventsUpdate> {
    return streamedWork<frmV1.RepublishEventsUpdate>(async (signal, next) => {
      const plan = republishPlanOf(request, this.routes);
      if (!this.kafka) {
        throw new FailedPreconditionError('this DR orchestrator has no Kafka to publish to: set FRM_KAFKA_BROKERS (the embedded platform has no Kafka; its consumers read the event store)');
      }
      const overrideEntryId = await this.gate.admit({
        operation: 'RepublishEvents',
        target: { type: 'topic', id: plan.routes.map((route) => route.topic).join(',') },
        caller,
        forceReason: request.forceReason,
        requestId: request.requestId,
      });
      const producer = await EventProducer.open(this.kafka);
      try {
        const update = (progress: RepublishProgress): frmV1.RepublishEventsUpdate => ({
          eventsSent: String(progress.eventsSent),
          eventsScanned: String(progress.eventsScanned),
          position: progress.position ? formatPosition(progress.position) : '',
          toPosition: progress.to ? formatPosition(progress.to) : '',
          done: progress.done,
          overrideAuditEntryId: overrideEntryId ?? '',
        });
        const result = await republishEvents({
          eventStore: this.eventStore,
          plan,
          registry: loadEventSchemaRegistry(),
          send: (batch) => producer.sendBatch(batch),
          signal,
          onProgress: (progress) => {
            if (!progress.done) next(update(progress));
          },
        });
        if (!signal.aborted) {
          this.logger.info({ sent: result.eventsSent, actor: caller.subject, topics: plan.routes.map((route) => route.topic) }, `republished ${result.eventsSent} events to Kafka`);
          next(update(result));
        }
      } finally {
        await producer.disconnect();
      }
    });
  }
}
