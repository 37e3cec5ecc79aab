export * from './vote';
export * from './vote.commands';
export * from './vote.decide';
export * from './vote.events';
export * from './vote.evolve';
export * from './vote-leaving';
