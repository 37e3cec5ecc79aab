export type { AsyncApiDocument, AsyncApiMessage, SchemaObject } from './asyncapi.types';
export { buildEventCatalogue } from './build-event-catalogue';
export { loadCatalogueSources, type CatalogueSources } from './catalogue-sources';
export { catalogueJson, catalogueYaml } from './catalogue-formats';
export { renderCataloguePage, CATALOGUE_PAGE_STYLE, type CataloguePageOptions } from './render-catalogue-page';
export { eventCatalogueRoutes, CATALOGUE_PATHS, type CatalogueResponse, type CatalogueRoute } from './catalogue-http-routes';
export { CATALOGUE_FILE } from './catalogue-file';
