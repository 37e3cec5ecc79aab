export { projectInBatches, type ProjectInBatchesOptions } from './project-in-batches';
export { eventCountsProjection } from './event-counts.projection';
