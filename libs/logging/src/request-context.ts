import { AsyncLocalStorage } from 'node:async_hooks';

/** The ids that tie together every log line one request or one command causes. */
export interface RequestContext {
  readonly requestId?: string;
  readonly correlationId?: string;
  readonly traceId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();
const NO_CONTEXT: RequestContext = Object.freeze({});

/**
 * Runs `work` (and everything it starts, awaits or schedules) inside `context`, merged over the
 * context already entered; ids left undefined keep the outer value. Loggers made by
 * `createLogger` add the ids to each line written meanwhile.
 */
export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  const merged: Record<string, string> = { ...storage.getStore() };
  for (const [key, value] of Object.entries(context)) {
    if (typeof value === 'string') merged[key] = value;
  }
  return storage.run(Object.freeze(merged), work);
}

/** The context entered by the nearest enclosing {@link runWithRequestContext}; empty outside one. */
export function currentRequestContext(): RequestContext {
  return storage.getStore() ?? NO_CONTEXT;
}
