export { projectInBatches, type ProjectInBatchesOptions } from './project-in-batches';
