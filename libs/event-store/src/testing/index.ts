export { describeEventStoreContract, type EventStoreFactory } from './event-store.contract';
export { collectSubscription } from './collect-subscription';
export { pgliteEventStore, type PgliteEventStore } from './pglite-event-store';
export { recordedEvent } from './recorded-event';
