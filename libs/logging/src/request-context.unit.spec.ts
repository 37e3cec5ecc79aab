import { currentRequestContext, runWithRequestContext } from './request-context';

describe('request context', () => {
  it('is empty outside any context', () => {
    expect(currentRequestContext()).toEqual({});
  });

  it('merges an inner context over the outer one and restores the outer one afterwards', () => {
    runWithRequestContext({ requestId: 'req-1', correlationId: 'cor-1' }, () => {
      runWithRequestContext({ requestId: 'req-2', traceId: undefined }, () => {
        expect(currentRequestContext()).toEqual({ requestId: 'req-2', correlationId: 'cor-1' });
      });
      expect(currentRequestContext()).toEqual({ requestId: 'req-1', correlationId: 'cor-1' });
    });
  });

  it('returns what the work returns', async () => {
    await expect(runWithRequestContext({ requestId: 'r' }, async () => currentRequestContext().requestId)).resolves.toBe('r');
  });
});
