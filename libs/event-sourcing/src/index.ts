export { commandEventMetadata } from './command-event-metadata';
export { StreamCommandRunner, type CommandOutcome, type Decider, type ExecuteOptions, type StreamCodec } from './stream-command-runner';
