export * from './consent-purpose';
export * from './data-subject';
export * from './data-subject.commands';
export * from './data-subject.decide';
export * from './data-subject.events';
export * from './data-subject.evolve';
