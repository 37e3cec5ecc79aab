import { matchesFilter } from '../event-filter';
import { serverSideFilter } from './event-filters';

const checkpoints = { scannedPerCheckpoint: 500, checkpointReached: () => undefined };

describe('event filters for EventStoreDB', () => {
  it('matches type and stream prefixes, each list as alternatives and both together', () => {
    const filter = { eventTypePrefixes: ['Vote', 'Request'], streamPrefixes: ['vote-'] };
    expect(matchesFilter(filter, 'VoteCast', 'vote-1')).toBe(true);
    expect(matchesFilter(filter, 'RequestMerged', 'vote-1')).toBe(true);
    expect(matchesFilter(filter, 'VoteCast', 'feature-request-1')).toBe(false);
    expect(matchesFilter(filter, 'Other', 'vote-1')).toBe(false);
  });

  it('lets everything through without prefixes', () => {
    expect(matchesFilter(undefined, 'A', 's')).toBe(true);
    expect(matchesFilter({ eventTypePrefixes: [], streamPrefixes: [] }, 'A', 's')).toBe(true);
  });

  it('filters subscriptions on the server by type first, then by stream, else only drops system events', () => {
    expect(serverSideFilter({ eventTypePrefixes: ['Vote'], streamPrefixes: ['vote-'] }, checkpoints)).toMatchObject({
      filterOn: 'eventType',
      prefixes: ['Vote'],
    });
    expect(serverSideFilter({ streamPrefixes: ['vote-'] }, checkpoints)).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['vote-'],
    });
    expect(serverSideFilter({ eventTypePrefixes: [] }, checkpoints)).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
    expect(serverSideFilter(undefined, checkpoints)).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
  });

  it('asks for a checkpoint about every batch of scanned events, in whole server windows', () => {
    const reached = () => undefined;
    expect(serverSideFilter(undefined, { scannedPerCheckpoint: 500, checkpointReached: reached })).toMatchObject({
      checkpointInterval: 16,
      checkpointReached: reached,
    });
    expect(serverSideFilter(undefined, { scannedPerCheckpoint: 1, checkpointReached: reached }).checkpointInterval).toBe(1);
  });
});
