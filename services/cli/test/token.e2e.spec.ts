import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import { runFrm } from './support/frm-process';

const secret = randomBytes(32).toString('base64url');
const key = new TextEncoder().encode(secret);

describe('frm token', () => {
  it('mints an HS256 token the gateway can verify, with every claim', async () => {
    const sub = randomUUID();
    const result = await runFrm(
      [
        'token', '--sub', sub, '--roles', 'supplier,product', '--email', 'ana@example.com', '--name', 'Ana Ruiz',
        '--supplier-type', 'photographer', '--tz', 'Europe/Madrid', '--wedding-date', '2026-06-20',
        '--account-created-at', '2025-01-31T09:00:00Z', '--ttl', '2h',
      ],
      { FRM_JWT_SECRET: secret },
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const token = result.stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    const { payload, protectedHeader } = await jwtVerify(token, key, { issuer: 'frm', audience: 'frm', algorithms: ['HS256'] });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({
      sub,
      roles: ['supplier', 'product'],
      email: 'ana@example.com',
      name: 'Ana Ruiz',
      supplier_type: 'photographer',
      tz: 'Europe/Madrid',
      wedding_date: '2026-06-20',
      account_created_at: Date.parse('2025-01-31T09:00:00Z') / 1000,
    });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(2 * 3600);
  });

  it('reads the secret from --secret-file, and the token fails with another secret', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'frm-secret-'));
    try {
      await writeFile(join(dir, 'jwt-secret'), `${secret}\n`);
      const result = await runFrm(['token', '--sub', randomUUID(), '--roles', 'couple', '--secret-file', join(dir, 'jwt-secret')]);
      expect(result.code).toBe(0);
      await expect(jwtVerify(result.stdout.trim(), key, { issuer: 'frm', audience: 'frm' })).resolves.toBeDefined();
      const other = new TextEncoder().encode(randomBytes(32).toString('base64url'));
      await expect(jwtVerify(result.stdout.trim(), other)).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [['--sub', 'not-a-uuid', '--roles', 'couple'], /--sub "not-a-uuid" is not a UUID/],
    [['--sub', randomUUID(), '--roles', 'couple,florist'], /unknown role\(s\) florist; use a comma-separated list of couple, supplier, product, admin/],
    [['--sub', randomUUID(), '--roles', 'couple', '--tz', 'Mars/Olympus'], /--tz "Mars\/Olympus" is not an IANA time zone/],
    [['--sub', randomUUID(), '--roles', 'couple', '--ttl', 'forever'], /--ttl "forever" is not a lifetime/],
  ])('refuses %j with one line and exit code 1', async (args, message) => {
    const result = await runFrm(['token', ...args], { FRM_JWT_SECRET: secret });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says where the secret comes from when there is none', async () => {
    const result = await runFrm(['token', '--sub', randomUUID(), '--roles', 'couple']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^frm: no signing secret: set FRM_JWT_SECRET/);
  });
});
