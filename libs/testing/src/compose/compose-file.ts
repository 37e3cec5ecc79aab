import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
// libs/testing/src/compose → the workspace root.
const WORKSPACE_ROOT = join(__dirname, '../../../..');

/** The parts of a docker-compose service that the checks read. */
export interface ComposeService {
  readonly image?: string;
  readonly build?: { readonly context?: string; readonly dockerfile?: string };
  readonly command?: readonly string[] | string;
  readonly environment?: Readonly<Record<string, string | number | boolean>>;
  readonly ports?: readonly string[];
  readonly depends_on?: Readonly<Record<string, { readonly condition?: string }>> | readonly string[];
  readonly healthcheck?: { readonly test?: readonly string[] | string };
}

export interface ComposeFile {
  readonly services: Readonly<Record<string, ComposeService>>;
}

/** docker-compose.yml parsed as Compose reads it: YAML merge keys (`<<:`) applied. */
export function readComposeFile(path = join(WORKSPACE_ROOT, 'docker-compose.yml')): ComposeFile {
  return parse(readFileSync(path, 'utf8'), { merge: true }) as ComposeFile;
}

/**
 * A service's environment as the container sees it when the operator sets nothing: the default of
 * each `${NAME:-default}`. Any other interpolation would depend on the operator's shell, so it throws.
 */
export function environmentOf(service: ComposeService): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([name, raw]) => {
      const value = String(raw).replace(/\$\{([A-Z0-9_]+)(:-([^}]*))?\}/g, (_match, variable: string, fallback?: string, text?: string) => {
        if (fallback === undefined) throw new Error(`${name}: \${${variable}} has no default; write \${${variable}:-<development value>}`);
        return text ?? '';
      });
      return [name, value];
    }),
  );
}

/** The host side of each published port ("8080:8080" → 8080). */
export function hostPortsOf(service: ComposeService): number[] {
  return (service.ports ?? []).map((mapping) => {
    const parts = String(mapping).split(':');
    return Number(parts.length >= 2 ? parts[parts.length - 2] : parts[0]);
  });
}
