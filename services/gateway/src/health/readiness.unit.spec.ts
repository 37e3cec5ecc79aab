import { checkReadiness, readinessReport } from './readiness';

describe('readiness', () => {
  it('is ready when every check is', () => {
    expect(readinessReport([['frm.v1.IntakeService', undefined], ['redis', undefined]])).toEqual({
      ready: true,
      checks: { 'frm.v1.IntakeService': 'ready', redis: 'ready' },
      notReady: [],
    });
  });

  it('names what is not ready, and why', async () => {
    const report = await checkReadiness([
      { name: 'frm.v1.IntakeService', check: async () => undefined },
      { name: 'frm.v1.VotingService', check: async () => 'unreachable (No connection established)' },
      { name: 'redis', check: () => Promise.reject(new Error('Connection is closed.')) },
    ]);
    expect(report).toEqual({
      ready: false,
      checks: { 'frm.v1.IntakeService': 'ready', 'frm.v1.VotingService': 'unreachable (No connection established)', redis: 'Connection is closed.' },
      notReady: ['frm.v1.VotingService', 'redis'],
    });
  });
});
