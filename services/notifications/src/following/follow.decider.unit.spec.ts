import { decide, evolveAll, followStreamId, NO_CHOICE, type FollowCommand } from './follow.decider';

const at = new Date('2026-11-26T10:00:00Z');
const command = (kind: FollowCommand['kind']): FollowCommand => ({ kind, recipientId: 'r1', featureRequestId: 'f1', at });

describe('following a request', () => {
  it('records the first choice either way', () => {
    expect(decide(command('Follow'), NO_CHOICE)).toEqual([{ type: 'RecipientFollowed', recipientId: 'r1', featureRequestId: 'f1', occurredAt: at }]);
    expect(decide(command('Unfollow'), NO_CHOICE)).toEqual([{ type: 'RecipientUnfollowed', recipientId: 'r1', featureRequestId: 'f1', occurredAt: at }]);
  });

  it('records nothing when the choice is already the recorded one, and a change of mind when it is not', () => {
    const followed = evolveAll(decide(command('Follow'), NO_CHOICE));
    expect(followed).toEqual({ following: true });
    expect(decide(command('Follow'), followed)).toEqual([]);
    const unfollowed = evolveAll(decide(command('Unfollow'), followed), followed);
    expect(unfollowed).toEqual({ following: false });
    expect(decide(command('Unfollow'), unfollowed)).toEqual([]);
  });

  it('keeps one stream per person and request', () => {
    expect(followStreamId('f1', 'r1')).toBe('notification-follow-f1-r1');
  });
});
