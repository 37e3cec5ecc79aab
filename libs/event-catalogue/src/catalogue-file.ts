import path from 'node:path';

/** The committed copy of the catalogue, which `npm run events:catalogue` writes. */
export const CATALOGUE_FILE = path.resolve(__dirname, '../../../deploy/events/asyncapi.yaml');
