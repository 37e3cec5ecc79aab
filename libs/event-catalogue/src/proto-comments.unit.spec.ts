import { PROTO_ROOT } from '@frm/contracts';
import { readProtoComments } from './proto-comments';

describe('readProtoComments', () => {
  const comments = readProtoComments(PROTO_ROOT, ['frm/events/v1/vote_events.proto']);

  it('reads the comments of messages, nested messages, fields, enums and enum values, imports included', () => {
    expect(comments.get('frm.events.v1.VoteCast.vote_id')).toBe('One per feature request and voter.');
    expect(comments.get('frm.events.v1.VoteCast.Signals')).toMatch(/^What fraud detection compares between votes\./);
    expect(comments.get('frm.events.v1.VoteHold')).toBe('Why an active vote does or does not count.');
    expect(comments.get('frm.events.v1.VoteHold.VOTE_HOLD_FLAGGED')).toBe('Flagged by fraud detection, waiting for review.');
    expect(comments.get('frm.events.parts.v1.TallyEffect.counted')).toBe('Change in the votes that count.');
  });

  it('joins wrapped lines and leaves out what has no comment of its own', () => {
    expect(comments.get('frm.events.v1.VoteCast.voter_time_zone')).toBe(
      "The voter's IANA time zone (the token's `tz` claim), empty when unknown: triage reads the wedding season on the voter's own calendar.",
    );
    // The file's opening comment is detached from the first message by a blank line.
    expect(comments.has('frm.events.v1.VoteCast')).toBe(false);
    expect(comments.has('frm.events.v1.VoteCast.occurred_at')).toBe(false);
  });
});
