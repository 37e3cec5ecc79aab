import { create } from '@bufbuild/protobuf';
import { NotificationSchema, type Notification } from '../../gen/frm/v1/notification_service_pb';
import { inboxEntries, unreadIdsOf, withArrival } from './inbox-list';

const note = (id: string, read = false): Notification => create(NotificationSchema, { id, read, featureRequestTitle: `request ${id}` });
const idsOf = (list: readonly Notification[]) => list.map((entry) => `${entry.id}${entry.read ? ' (read)' : ''}`);

describe('withArrival', () => {
  it('puts a notification that just landed on top', () => {
    expect(idsOf(withArrival([note('b'), note('a')], note('c')))).toEqual(['c', 'b', 'a']);
    expect(idsOf(withArrival([], note('a')))).toEqual(['a']);
  });

  it('keeps one copy of a notification that comes twice', () => {
    expect(idsOf(withArrival([note('b'), note('a')], note('a')))).toEqual(['a', 'b']);
  });
});

describe('inboxEntries', () => {
  it('shows arrivals above the pages read, each notification once', () => {
    const listed = [note('c'), note('b'), note('a', true)];
    expect(idsOf(inboxEntries([note('d'), note('c')], listed, new Set()))).toEqual(['d', 'c', 'b', 'a (read)']);
  });

  it('keeps the pages’ order: unread first, as the platform listed them', () => {
    expect(idsOf(inboxEntries([], [note('x'), note('z', true), note('y', true)], new Set()))).toEqual(['x', 'z (read)', 'y (read)']);
  });

  it('counts a notification read when any copy says so or it was marked read here', () => {
    const entries = inboxEntries([note('b')], [note('b', true), note('a'), note('c')], new Set(['c']));
    expect(idsOf(entries)).toEqual(['b (read)', 'a', 'c (read)']);
    expect(unreadIdsOf(entries)).toEqual(['a']);
  });

  it('returns the very notifications it was given when nothing changes, and never alters them', () => {
    const listed = [note('a'), note('b', true)];
    const entries = inboxEntries([], listed, new Set(['a']));
    expect(entries[1]).toBe(listed[1]);
    expect(listed[0]?.read).toBe(false);
    expect(entries[0]?.$typeName).toBe('frm.v1.Notification');
  });
});
