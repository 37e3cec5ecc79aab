// `npm run events:catalogue`: writes the catalogue built from the current sources to CATALOGUE_FILE.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildEventCatalogue } from './build-event-catalogue';
import { catalogueYaml } from './catalogue-formats';
import { CATALOGUE_FILE } from './catalogue-file';
import { loadCatalogueSources } from './catalogue-sources';

mkdirSync(path.dirname(CATALOGUE_FILE), { recursive: true });
writeFileSync(CATALOGUE_FILE, catalogueYaml(buildEventCatalogue(loadCatalogueSources())));
process.stdout.write(`Wrote ${path.relative(process.cwd(), CATALOGUE_FILE)}\n`);
