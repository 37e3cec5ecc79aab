import { describeKeyStatus, keyStatusReport } from './key-status-report';
import { unconfiguredVersions, unconfiguredVersionsMessage } from './master-key-versions';

const [A, B, C, Z] = ['mk-AAAAAAAAAAAAAAAA', 'mk-BBBBBBBBBBBBBBBB', 'mk-CCCCCCCCCCCCCCCC', 'mk-ZZZZZZZZZZZZZZZZ'];
const createdAt = new Date('2026-01-01T00:00:00.000Z');

describe('keyStatusReport', () => {
  it('gives the age, the 90-day schedule, and every version with its role and keys', () => {
    const now = new Date('2026-01-11T06:00:00.000Z');
    const status = { currentVersion: B, createdAt, ageSeconds: 10.25 * 86_400, keysByVersion: new Map([[B, 10], [A, 2], [Z, 1]]) };

    const report = keyStatusReport(status, [B, A, C], now);

    expect(report).toEqual({
      currentVersion: B,
      inUseSince: '2026-01-01T00:00:00.000Z',
      ageSeconds: 885_600,
      ageDays: 10,
      rotation: { periodDays: 90, dueAt: '2026-04-01T00:00:00.000Z', due: false, daysLeft: 79 },
      versions: [
        { version: B, role: 'current', keys: 10 },
        { version: A, role: 'previous', keys: 2 },
        { version: C, role: 'previous', keys: 0 },
        { version: Z, role: 'not_configured', keys: 1 },
      ],
      totalKeys: 13,
    });
    expect(describeKeyStatus(report)).toEqual([
      `master key ${B} in use since 2026-01-01T00:00:00.000Z: 10 days old`,
      'rotation due 2026-04-01T00:00:00.000Z, in 79 days (policy: every 90 days)',
      'data keys by master key version (13 in all):',
      `  ${B}  10  current (FRM_MASTER_KEY)`,
      `  ${A}   2  previous (FRM_MASTER_KEY_PREVIOUS): run frm keys rotate to re-wrap these under ${B}`,
      `  ${C}   0  previous (FRM_MASTER_KEY_PREVIOUS): wraps no data key any more`,
      `  ${Z}   1  not configured: these subjects' data cannot be read; add the master key of this version to FRM_MASTER_KEY_PREVIOUS`,
    ]);
  });

  it('says when rotation is due and how to do it', () => {
    const now = new Date('2026-04-03T00:00:00.000Z');
    const report = keyStatusReport({ currentVersion: B, createdAt, ageSeconds: 92 * 86_400, keysByVersion: new Map() }, [B], now);
    expect(report.rotation).toEqual({ periodDays: 90, dueAt: '2026-04-01T00:00:00.000Z', due: true, daysLeft: -2 });
    expect(report.versions).toEqual([{ version: B, role: 'current', keys: 0 }]);
    expect(describeKeyStatus(report)[1]).toMatch(
      /^rotation DUE since 2026-04-01T00:00:00\.000Z \(policy: every 90 days\): make a new master key \(openssl rand -base64 32.*FRM_MASTER_KEY_PREVIOUS, then run frm keys rotate$/,
    );
  });
});

describe('unconfiguredVersions', () => {
  it('lists the versions with keys that no setting holds, and the message names the setting to fix', () => {
    const unconfigured = unconfiguredVersions(new Map([[B, 4], [A, 1], [Z, 3], [C, 0]]), [B]);
    expect(unconfigured).toEqual([[Z, 3], [A, 1]]);
    expect(unconfiguredVersionsMessage(unconfigured, [B])).toBe(
      `data keys are wrapped by master key versions that the settings do not hold: ${Z} (3 keys), ${A} (1 key); ` +
        `FRM_MASTER_KEY is ${B} and FRM_MASTER_KEY_PREVIOUS holds none; ` +
        'add the master key of each to FRM_MASTER_KEY_PREVIOUS (comma-separated; usually the FRM_MASTER_KEY the platform ran with before) and run again',
    );
    expect(unconfiguredVersionsMessage(unconfigured, [B, C])).toContain(`FRM_MASTER_KEY_PREVIOUS holds ${C};`);
  });
});
