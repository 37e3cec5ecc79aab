import { status } from '@grpc/grpc-js';
import { ApplicationError } from '@frm/grpc-errors';
import { guardRiskyOperation, type RiskyOperationCheck } from './freeze-guard';
import { DEFAULT_FREEZE_POLICY } from './freeze-policy';

const SATURDAY = new Date('2026-11-28T10:00:00Z');
const THURSDAY = new Date('2026-11-26T10:00:00Z');
const ADMIN = '0b6f3c1e-8f2a-4d3b-9c41-2a7e5d9f0c11';
const check = (overrides: Partial<RiskyOperationCheck> = {}): RiskyOperationCheck => ({
  operation: 'RebuildProjection',
  target: { type: 'projection', id: 'votes' },
  at: SATURDAY,
  policy: DEFAULT_FREEZE_POLICY,
  entryId: 'c0ffee00-1b8f-4c3e-9d6a-5e7f8a9b0c1d',
  ...overrides,
});

function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof ApplicationError) return { code: status[error.code], message: error.message };
    throw error;
  }
  throw new Error('not refused');
}

describe('guardRiskyOperation', () => {
  it('lets a risky operation go ahead on an ordinary day, with or without an override, and audits nothing', () => {
    expect(guardRiskyOperation(check({ at: THURSDAY }))).toEqual({ frozen: false });
    expect(guardRiskyOperation(check({ at: THURSDAY, override: { actorId: ADMIN, roles: ['admin'], reason: 'just in case' } }))).toEqual({ frozen: false });
  });

  it('refuses it on a wedding day with FAILED_PRECONDITION naming the rule, the day it reopens and how to force it', () => {
    expect(refusal(() => guardRiskyOperation(check()))).toEqual({
      code: 'FAILED_PRECONDITION',
      message:
        'RebuildProjection is refused: it is Saturday 2026-11-28 in Europe/London, a wedding day (FRM_FREEZE_WEEKDAYS); risky operations wait until ' +
        '2026-11-29 (Europe/London), or an admin forces this one with a reason (force_reason), which is audited',
    });
  });

  it('lets an admin force it with a reason, which becomes an admin_override audit entry', () => {
    const decision = guardRiskyOperation(check({ override: { actorId: ADMIN, roles: ['product', 'admin'], reason: ' Tallies wrong since the 09:00 deploy ' } }));
    expect(decision).toEqual({
      frozen: true,
      rule: expect.objectContaining({ kind: 'weekday', localDate: '2026-11-28' }),
      audit: {
        entryId: 'c0ffee00-1b8f-4c3e-9d6a-5e7f8a9b0c1d',
        actorId: ADMIN,
        action: 'admin_override',
        target: { type: 'projection', id: 'votes' },
        reason: 'RebuildProjection forced on frozen 2026-11-28 (weekday): Tallies wrong since the 09:00 deploy',
        detail: { frozenDay: '2026-11-28', timeZone: 'Europe/London', rule: 'weekday' },
      },
    });
  });

  it('refuses an override by anyone but an admin, without a reason, or with personal data in the reason', () => {
    expect(refusal(() => guardRiskyOperation(check({ override: { actorId: ADMIN, roles: ['product'], reason: 'urgent' } })))).toMatchObject({
      code: 'PERMISSION_DENIED',
      message: expect.stringContaining('only an admin may force RebuildProjection'),
    });
    expect(refusal(() => guardRiskyOperation(check({ override: { actorId: ADMIN, roles: ['admin'], reason: '  ' } })))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/^force_reason: must say why RebuildProjection cannot wait until 2026-11-29/),
    });
    expect(refusal(() => guardRiskyOperation(check({ override: { actorId: ADMIN, roles: ['admin'], reason: 'asked by jane@example.com' } })))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/^force_reason: .*e-mail address/),
    });
  });
});
