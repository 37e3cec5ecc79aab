import type { TriageReadModel } from './triage.read-model';

/** Where the read model puts itself once Nest has made it, so that whoever started the service can reach it. */
export interface ReadModelHandle {
  readModel?: TriageReadModel;
}

export const READ_MODEL_HANDLE = Symbol('triage.read-model-handle');
