import { InvalidArgumentError } from '@frm/grpc-errors';

const GRPC_TIMEOUT = /^(\d{1,8})([HMSmun])$/;
const MILLISECONDS_PER_UNIT: Readonly<Record<string, number>> = { H: 3_600_000, M: 60_000, S: 1_000, m: 1, u: 1e-3, n: 1e-6 };

/** The deadline a `grpc-timeout` header sets, counted from `now`; `undefined` when the header is absent. */
export function deadlineFromGrpcTimeout(header: string | undefined, now = Date.now()): Date | undefined {
  if (header === undefined || header === '') return undefined;
  const match = GRPC_TIMEOUT.exec(header.trim());
  if (!match) {
    throw new InvalidArgumentError([
      { rule: `grpc-timeout must be 1 to 8 digits and a unit (H, M, S, m, u, n), e.g. 30S`, got: `${header.length} characters` },
    ]);
  }
  const milliseconds = Number(match[1]) * (MILLISECONDS_PER_UNIT[match[2] as string] as number);
  return new Date(now + milliseconds);
}
