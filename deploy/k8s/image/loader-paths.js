// Prints the package-lock.json paths (node_modules/…) of the TypeScript loader the services run
// under, @swc-node/register and @swc/core, with everything they need that only dev dependencies
// bring: the Dockerfile copies exactly these from the full install into the production one, so the
// runtime image gets the loader at the lockfile's versions without the other dev dependencies.
// Plain JavaScript: it runs in the image build, before anything is compiled.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = process.argv[2] ?? '.';
const { packages } = require(join(process.cwd(), root, 'package-lock.json'));
const LOADER = ['@swc-node/register', '@swc/core'];

/** Where Node would find `name` from the package at `from`, as a lockfile path. */
function resolveFrom(from, name) {
  for (let dir = from; ; ) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return undefined;
    const parent = dir.lastIndexOf('/node_modules/');
    dir = parent < 0 ? '' : dir.slice(0, parent);
  }
}

const closure = new Set();
function visit(path) {
  if (closure.has(path) || !existsSync(join(root, path))) return; // optional packages of other platforms are absent
  closure.add(path);
  const entry = packages[path];
  for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies })) {
    const found = resolveFrom(path, name);
    if (found) visit(found);
  }
}
for (const name of LOADER) {
  const path = `node_modules/${name}`;
  if (!packages[path]) throw new Error(`${name} is not in package-lock.json: the services cannot run without it`);
  visit(path);
}
// What the production install lacks: the packages only dev dependencies reach.
const devOnly = [...closure].filter((path) => packages[path].dev || packages[path].devOptional).sort();
process.stdout.write(devOnly.join('\n') + '\n');
