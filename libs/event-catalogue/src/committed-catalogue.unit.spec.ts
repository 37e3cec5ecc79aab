import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildEventCatalogue } from './build-event-catalogue';
import { catalogueYaml } from './catalogue-formats';
import { CATALOGUE_FILE } from './catalogue-file';
import { loadCatalogueSources } from './catalogue-sources';

describe(`the committed catalogue`, () => {
  it('is what the generator makes from the current sources', () => {
    const relative = path.relative(path.resolve(__dirname, '../../..'), CATALOGUE_FILE);
    const committed = existsSync(CATALOGUE_FILE) ? readFileSync(CATALOGUE_FILE, 'utf8') : undefined;
    const generated = catalogueYaml(buildEventCatalogue(loadCatalogueSources()));
    if (committed !== generated) {
      const line = firstDifferentLine(committed ?? '', generated);
      throw new Error(
        `${relative} ${committed === undefined ? 'is missing' : `is stale (first difference at line ${line})`}: ` +
          'the events, routes or headers changed since it was generated. Run `npm run events:catalogue` and commit the result.',
      );
    }
  });
});

function firstDifferentLine(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  const index = left.findIndex((line, i) => line !== right[i]);
  return (index === -1 ? left.length : index) + 1;
}
