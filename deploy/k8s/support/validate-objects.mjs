// Validates Kubernetes objects against the OpenAPI schemas of the Kubernetes API (kubernetes-models)
// and of the CRDs the manifests use (@kubernetes-models/keda, istio, prometheus-operator), in strict
// mode: a field the schema does not know is an error, as `kubectl apply --validate=strict` makes it.
//   node deploy/k8s/support/validate-objects.mjs objects.json   →   a JSON report on stdout
// An ES module run as its own process: the model packages are ES modules only, which jest's
// CommonJS transform cannot load. manifests.spec.ts runs it and reads the report.
import { readFileSync } from 'node:fs';

/** The package that holds the schemas of an API group. */
function modulePathOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (group === '') return `kubernetes-models/${version}/${kind}`;
  if (group === 'keda.sh') return `@kubernetes-models/keda/${group}/${version}/${kind}`;
  if (group.endsWith('.istio.io')) return `@kubernetes-models/istio/${group}/${version}/${kind}`;
  if (group === 'monitoring.coreos.com') return `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`;
  if (!group.includes('.') || group.endsWith('.k8s.io')) return `kubernetes-models/${group}/${version}/${kind}`;
  return undefined;
}

/**
 * A view of `value` that records which properties the validator reads. The schemas' validators
 * read every property their schema defines (and every key of a map), so an own property of an
 * object the validator looked into but never read is one the schema does not define.
 */
function tracked(value, path, nodes) {
  if (value === null || typeof value !== 'object') return value;
  const node = { path, value, read: new Set(), visited: false };
  nodes.push(node);
  const children = new Map();
  const note = (key) => {
    node.visited = true;
    if (typeof key === 'string') node.read.add(key);
  };
  return new Proxy(value, {
    get(target, key, receiver) {
      note(key);
      const child = Reflect.get(target, key, receiver);
      if (typeof key !== 'string' || child === null || typeof child !== 'object') return child;
      if (!children.has(key)) children.set(key, tracked(child, `${path}/${key}`, nodes));
      return children.get(key);
    },
    has(target, key) {
      note(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      node.visited = true;
      for (const key of Reflect.ownKeys(target)) note(key);
      return Reflect.ownKeys(target);
    },
  });
}

async function validate(object) {
  const { apiVersion, kind } = object;
  const id = `${kind ?? '?'} ${object.metadata?.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata?.name ?? '?'}`;
  const path = typeof apiVersion === 'string' && typeof kind === 'string' ? modulePathOf(apiVersion, kind) : undefined;
  if (!path) return { id, errors: [`no schema is known for apiVersion ${apiVersion} kind ${kind}`], unknownFields: [] };
  let Model;
  try {
    Model = (await import(path))[kind];
  } catch (error) {
    return { id, errors: [`no schema for ${apiVersion} ${kind} (${path}): ${error.message}`], unknownFields: [] };
  }
  if (typeof Model?.prototype?.validate !== 'function') return { id, errors: [`${path} has no model ${kind}`], unknownFields: [] };
  const nodes = [];
  const errors = [];
  try {
    Model.prototype.validate.call(tracked(object, '', nodes));
  } catch (error) {
    errors.push(error.message);
  }
  const unknownFields = [];
  for (const node of nodes) {
    if (!node.visited || Array.isArray(node.value)) continue;
    for (const key of Object.keys(node.value)) if (!node.read.has(key)) unknownFields.push(`${node.path}/${key}`);
  }
  return { id, errors, unknownFields };
}

const objects = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = [];
for (const object of objects) results.push(await validate(object));
process.stdout.write(JSON.stringify(results));
