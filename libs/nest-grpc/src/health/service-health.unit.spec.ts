import { ServiceHealth } from './service-health';

describe('ServiceHealth', () => {
  it('is NOT_SERVING while starting, SERVING once serving, NOT_SERVING again from closing on', async () => {
    const health = new ServiceHealth();
    health.serve('frm.v1.IntakeService');
    expect(await health.check('')).toBe('NOT_SERVING');
    health.markServing();
    expect(await health.check('')).toBe('SERVING');
    expect(await health.check('frm.v1.IntakeService')).toBe('SERVING');
    health.markClosing();
    expect(await health.check('frm.v1.IntakeService')).toBe('NOT_SERVING');
  });

  it('knows only the services it serves', async () => {
    const health = new ServiceHealth();
    health.markServing();
    expect(await health.check('frm.v1.VotingService')).toBeUndefined();
  });

  it('follows the readiness probe on each check, and says why it is not ready', async () => {
    let databaseAnswers = false;
    const warnings: string[] = [];
    const logger = { warn: (_: object, message: string) => warnings.push(message), info: () => undefined };
    const health = new ServiceHealth({
      readinessProbe: async () => {
        if (!databaseAnswers) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      },
      logger: logger as never,
    });
    health.markServing();
    expect(await health.check('')).toBe('NOT_SERVING');
    expect(warnings).toEqual(['not ready: connect ECONNREFUSED 127.0.0.1:5432']);
    databaseAnswers = true;
    expect(await health.check('')).toBe('SERVING');
  });

  it('counts a probe that does not answer in time as failed', async () => {
    const health = new ServiceHealth({ readinessProbe: () => new Promise(() => undefined), probeTimeoutMs: 20 });
    health.markServing();
    expect(await health.check('')).toBe('NOT_SERVING');
  });

  it('reports a component apart: down while its check fails, without taking the service down', async () => {
    let modelLoaded = false;
    const health = new ServiceHealth();
    health.serve('frm.v1.TriageService');
    health.component('frm.v1.TriageService/semantic-search', () => modelLoaded);
    expect(await health.check('frm.v1.TriageService/semantic-search')).toBe('NOT_SERVING');
    health.markServing();
    expect(await health.check('frm.v1.TriageService')).toBe('SERVING');
    expect(await health.check('frm.v1.TriageService/semantic-search')).toBe('NOT_SERVING');
    modelLoaded = true;
    expect(await health.check('frm.v1.TriageService/semantic-search')).toBe('SERVING');
    health.markClosing();
    expect(await health.check('frm.v1.TriageService/semantic-search')).toBe('NOT_SERVING');
  });
});
