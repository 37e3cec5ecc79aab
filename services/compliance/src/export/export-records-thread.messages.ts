import type { EventRecordsBatch, EventRecordsJson } from './event-records-json';

export interface EventRecordsRequest {
  readonly id: number;
  readonly batch: EventRecordsBatch;
}

export type EventRecordsReply =
  | { readonly type: 'ready' }
  | { readonly type: 'records'; readonly id: number; readonly records: EventRecordsJson }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
