import { checkAuditDraft } from '@frm/audit';
import { rotationAuditDraft } from './rotation-audit-draft';
import { describeRotation, rotationReport } from './rotation-report';

const [A, B, C] = ['mk-AAAAAAAAAAAAAAAA', 'mk-BBBBBBBBBBBBBBBB', 'mk-CCCCCCCCCCCCCCCC'];

describe('rotationReport', () => {
  it('tells the keys before and after by version, leaving out the target version', () => {
    const report = rotationReport(
      new Map([[A, 7], [B, 2], [C, 1]]),
      { masterKeyVersion: B, rewrapped: 7, skipped: 1, interrupted: false },
      new Map([[B, 10], [A, 0]]),
    );
    expect(report).toEqual({ masterKeyVersion: B, before: { [A]: 7, [C]: 1 }, rewrapped: 7, skipped: 1, alreadyCurrent: 2, remaining: {}, interrupted: false });
  });
});

describe('describeRotation', () => {
  const done = rotationReport(new Map([[A, 3]]), { masterKeyVersion: B, rewrapped: 3, skipped: 0, interrupted: false }, new Map([[B, 3]]));

  it('says what was re-wrapped from where, and when FRM_MASTER_KEY_PREVIOUS can go', () => {
    expect(describeRotation(done)).toEqual([
      `re-wrapped 3 data keys under master key ${B} (before: ${A}: 3); 0 already under it; 0 skipped (erased meanwhile); no event was changed`,
      `every data key is under ${B}; once every service runs with this FRM_MASTER_KEY, FRM_MASTER_KEY_PREVIOUS can be dropped`,
    ]);
  });

  it('says when nothing was left to do', () => {
    const again = rotationReport(new Map([[B, 3]]), { masterKeyVersion: B, rewrapped: 0, skipped: 0, interrupted: false }, new Map([[B, 3]]));
    expect(describeRotation(again)[0]).toBe(`re-wrapped 0 data keys under master key ${B}; 3 already under it; 0 skipped (erased meanwhile); no event was changed`);
  });

  it('asks to run again when interrupted, or when a service still wraps with an older key', () => {
    const interrupted = rotationReport(new Map([[A, 3]]), { masterKeyVersion: B, rewrapped: 1, skipped: 0, interrupted: true }, new Map([[A, 2], [B, 1]]));
    expect(describeRotation(interrupted)[1]).toBe(`interrupted: 2 data keys still under older versions (${A}: 2); run frm keys rotate again to finish`);
    const straggler = rotationReport(new Map([[A, 3]]), { masterKeyVersion: B, rewrapped: 3, skipped: 0, interrupted: false }, new Map([[A, 1], [B, 3]]));
    expect(describeRotation(straggler)[1]).toMatch(new RegExp(`^1 data key still under older versions \\(${A}: 1\\), made while this ran .*give every service the new FRM_MASTER_KEY`));
  });
});

describe('rotationAuditDraft', () => {
  const options = { entryId: '0b9e3f4c-52a8-4a51-9b0e-2f4a1d6c7e80', actorId: 'svc:key-rotation', reason: 'master key rotation' };

  it('records the target version, the versions re-wrapped from and the counts: ids and numbers the audit log accepts', () => {
    const report = rotationReport(new Map([[A, 7], [C, 1], [B, 2]]), { masterKeyVersion: B, rewrapped: 7, skipped: 1, interrupted: false }, new Map([[B, 9]]));
    const draft = rotationAuditDraft(options, report);
    expect(draft).toEqual({
      ...options,
      action: 'key_rotation',
      target: { type: 'master_key', id: B },
      detail: { keysRewrapped: 7, keysSkipped: 1, keysAlreadyCurrent: 2, keysRemaining: 0, fromVersionCount: 2, fromVersions: `${A}/${C}` },
    });
    expect(checkAuditDraft(draft)).toEqual(draft);
  });

  it('marks an interrupted run, and names no versions when there were none to re-wrap from', () => {
    const nothing = rotationReport(new Map([[B, 2]]), { masterKeyVersion: B, rewrapped: 0, skipped: 0, interrupted: false }, new Map([[B, 2]]));
    expect(rotationAuditDraft(options, nothing).detail).toEqual({ keysRewrapped: 0, keysSkipped: 0, keysAlreadyCurrent: 2, keysRemaining: 0, fromVersionCount: 0 });
    const interrupted = rotationReport(new Map([[A, 3]]), { masterKeyVersion: B, rewrapped: 1, skipped: 0, interrupted: true }, new Map([[A, 2], [B, 1]]));
    expect(rotationAuditDraft(options, interrupted).detail).toMatchObject({ keysRemaining: 2, interrupted: 1 });
  });

  it('names at most six versions, which still fit an audit id, and counts them all', () => {
    const versions = Array.from({ length: 8 }, (_, i) => `mk-${String(i).repeat(16)}`);
    const report = rotationReport(new Map(versions.map((version) => [version, 1])), { masterKeyVersion: B, rewrapped: 8, skipped: 0, interrupted: false }, new Map([[B, 8]]));
    const draft = rotationAuditDraft(options, report);
    expect(draft.detail).toMatchObject({ fromVersionCount: 8, fromVersions: versions.slice(0, 6).join('/') });
    expect(() => checkAuditDraft(draft)).not.toThrow();
  });
});
