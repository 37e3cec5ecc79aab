import { join } from 'node:path';
import { Command } from 'commander';
import { ROLES } from '@frm/intake';
import { resolveJwtSecret } from './jwt-secret';
import { mintAccessToken } from './mint-access-token';
import { accessTokenClaims, type TokenClaimOptions } from './token-claims';
import { tokenLifetime } from './token-lifetime';

interface TokenOptions extends TokenClaimOptions {
  ttl: string;
  secret?: string;
  secretFile?: string;
}

/** `frm token`: a development access token for the gateway, alone on stdout so that `$(frm token …)` works. */
export function tokenCommand(): Command {
  return new Command('token')
    .description('mint an HS256 access token for the gateway (development); prints only the token')
    .requiredOption('--sub <uuid>', "the caller's id (JWT sub)")
    .requiredOption('--roles <list>', `comma-separated roles: ${ROLES.join(', ')}`)
    .option('--email <address>', 'e-mail claim')
    .option('--name <name>', 'display name claim')
    .option('--supplier-type <type>', 'supplier_type claim, e.g. photographer')
    .option('--tz <zone>', 'IANA time zone claim, e.g. Europe/London')
    .option('--wedding-date <YYYY-MM-DD>', 'wedding_date claim')
    .option('--account-created-at <seconds|ISO date>', 'account_created_at claim (stored as seconds)')
    .option('--ttl <lifetime>', 'how long the token is valid: s, m, h, d or w', '8h')
    .option('--secret <secret>', 'signing secret (visible in ps and shell history: prefer FRM_JWT_SECRET)')
    .option('--secret-file <path>', 'file holding the signing secret')
    .action(async (options: TokenOptions) => {
      const claims = accessTokenClaims(options);
      const lifetime = tokenLifetime(options.ttl);
      const secret = await resolveJwtSecret({
        secret: options.secret,
        secretFile: options.secretFile,
        environment: process.env['FRM_JWT_SECRET'] || undefined,
        // The gateway's development secret (`npm start` without FRM_JWT_SECRET) lives in this file.
        developmentSecretFile: join(process.env['FRM_DATA_DIR'] || '.data', 'jwt-secret'),
      });
      process.stdout.write(`${await mintAccessToken(claims, secret, lifetime)}\n`);
    });
}
