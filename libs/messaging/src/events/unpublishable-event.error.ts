import { formatPosition, type RecordedEvent } from '@frm/event-store';

/** An event that cannot become a Kafka message; the relay stops in front of it rather than skip it. */
export class UnpublishableEventError extends Error {
  override readonly name = 'UnpublishableEventError';
  readonly eventId: string;
  readonly eventType: string;
  constructor(
    event: RecordedEvent,
    readonly reason: string,
    override readonly cause?: unknown,
  ) {
    super(
      `Event ${event.id} (${event.type}, stream ${event.streamId}, position ${formatPosition(event.position)}) cannot be ` +
        `published: ${reason}. Deploy contracts and routes that know this event, then start the relay again: it resumes at this event`,
    );
    this.eventId = event.id;
    this.eventType = event.type;
  }
}
