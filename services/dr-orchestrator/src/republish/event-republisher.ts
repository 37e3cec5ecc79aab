import type { TopicMessages } from 'kafkajs';
import type { EventSchemaRegistry } from '@frm/contracts';
import { comparePositions, START, type EventStore, type Position, type RecordedEvent } from '@frm/event-store';
import { toTopicMessages } from '@frm/messaging';
import type { RepublishPlan } from './republish-plan';

export interface RepublishProgress {
  readonly eventsSent: number;
  readonly eventsScanned: number;
  /** The last event read. */
  readonly position: Position | undefined;
  /** Where it ends: the plan's end, or the head when it started; `undefined` for an empty store. */
  readonly to: Position | undefined;
  readonly done: boolean;
}

export interface RepublishOptions {
  /** The store as written: Kafka carries the events as stored (ciphertext stays ciphertext). */
  readonly eventStore: EventStore;
  readonly plan: RepublishPlan;
  readonly registry: Pick<EventSchemaRegistry, 'toBinary'>;
  /** Sends one batch and resolves once Kafka acknowledged it. */
  readonly send: (batch: TopicMessages[]) => Promise<unknown>;
  readonly signal: AbortSignal;
  readonly onProgress?: (progress: RepublishProgress) => void;
  readonly pageSize?: number;
  /** Waits (tests may pass a fake). */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/**
 * Reads the plan's events in store order and sends each as the relay did, marked as a replay, at
 * most `ratePerSecond` messages in any second: whole seconds of budget, a batch never larger than
 * one second's worth. Ends at the plan's end or at the head seen when it started, so events
 * appended meanwhile are left to the relay.
 */
export async function republishEvents(options: RepublishOptions): Promise<RepublishProgress> {
  const { plan, signal } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const end = plan.to && 'position' in plan.to ? plan.to.position : await options.eventStore.headPosition();
  const untilTime = plan.to && 'time' in plan.to ? plan.to.time : undefined;
  const fromTime = 'time' in plan.from ? plan.from.time : undefined;
  const batchSize = Math.min(options.pageSize ?? 500, plan.ratePerSecond);
  let progress: RepublishProgress = { eventsSent: 0, eventsScanned: 0, position: undefined, to: end, done: false };
  let windowStart = now();
  let sentInWindow = 0;
  let pending: RecordedEvent[] = [];

  const flush = async () => {
    while (pending.length > 0) {
      const batch = pending.slice(0, plan.ratePerSecond - sentInWindow);
      if (batch.length === 0) {
        await sleep(Math.max(0, windowStart + 1_000 - now()));
        windowStart = now();
        sentInWindow = 0;
        continue;
      }
      if (signal.aborted) return;
      await options.send(toTopicMessages(batch, { routes: plan.routes, registry: options.registry, replay: true }));
      pending = pending.slice(batch.length);
      sentInWindow += batch.length;
      progress = { ...progress, eventsSent: progress.eventsSent + batch.length };
      options.onProgress?.(progress);
    }
  };

  if (end !== undefined) {
    const after = 'after' in plan.from ? plan.from.after : START;
    pages: for await (const page of options.eventStore.readAll({ after, filter: { eventTypePrefixes: plan.routes.map((route) => route.eventTypePrefix) }, pageSize: batchSize })) {
      for (const event of page) {
        if (signal.aborted) break pages;
        if (comparePositions(event.position, end) > 0) break pages;
        progress = { ...progress, eventsScanned: progress.eventsScanned + 1, position: event.position };
        if (fromTime && event.recordedAt < fromTime) continue;
        if (untilTime && event.recordedAt > untilTime) continue;
        pending.push(event);
        if (pending.length >= batchSize) await flush();
      }
    }
    await flush();
  }
  progress = { ...progress, done: !signal.aborted };
  options.onProgress?.(progress);
  return progress;
}
