import { stringify } from 'yaml';
import type { AsyncApiDocument } from './asyncapi.types';

const GENERATED_NOTE = '# Generated from proto/ and libs/messaging by `npm run events:catalogue`; do not edit.\n';

/** The document as YAML, as committed in deploy/events/asyncapi.yaml. */
export function catalogueYaml(doc: AsyncApiDocument): string {
  // No anchors and aliases: readers and diff tools see every schema where it is used.
  return GENERATED_NOTE + stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 });
}

export function catalogueJson(doc: AsyncApiDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
