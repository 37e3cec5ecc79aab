import { readFile } from 'node:fs/promises';
import { CliError } from '../cli-error';

/** HS256 wants a key of at least 256 bits (RFC 7518 §3.2). */
export const MIN_SECRET_LENGTH = 32;

export interface JwtSecretSources {
  secret?: string;
  secretFile?: string;
  /** FRM_JWT_SECRET, the gateway's own setting. */
  environment?: string;
  /** Where `npm start` keeps the secret it generates when FRM_JWT_SECRET is unset. */
  developmentSecretFile?: string;
}

/** The signing secret from `--secret`, `--secret-file`, FRM_JWT_SECRET or the platform's development secret, in that order. */
export async function resolveJwtSecret(sources: JwtSecretSources): Promise<string> {
  if (sources.secret !== undefined && sources.secretFile !== undefined) {
    throw new CliError('give either --secret or --secret-file, not both');
  }
  const secret =
    sources.secret ??
    (sources.secretFile !== undefined ? await readSecretFile(sources.secretFile) : undefined) ??
    sources.environment ??
    (sources.developmentSecretFile !== undefined ? await readSecretFile(sources.developmentSecretFile).catch(() => undefined) : undefined);
  if (secret === undefined || secret === '') {
    throw new CliError(
      "no signing secret: set FRM_JWT_SECRET to the gateway's secret (or pass --secret-file <path>); `npm start` prints it when it generates one",
    );
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new CliError(`the signing secret has ${secret.length} characters; HS256 needs at least ${MIN_SECRET_LENGTH}, as the gateway does`);
  }
  return secret;
}

async function readSecretFile(path: string): Promise<string> {
  try {
    // A trailing newline from `echo … > file` is not part of the secret.
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    throw new CliError(`cannot read --secret-file ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the path`);
  }
}
