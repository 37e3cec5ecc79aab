/** A person's own choice about following one request; `undefined` while they have not made one. */
export interface FollowChoice {
  readonly following: boolean | undefined;
}

export type FollowCommand = { readonly kind: 'Follow' | 'Unfollow'; readonly recipientId: string; readonly featureRequestId: string; readonly at: Date };

export type FollowEvent = {
  readonly type: 'RecipientFollowed' | 'RecipientUnfollowed';
  readonly recipientId: string;
  readonly featureRequestId: string;
  readonly occurredAt: Date;
};

export const NO_CHOICE: FollowChoice = { following: undefined };

/** The stream of one person's choice about one request. */
export function followStreamId(featureRequestId: string, recipientId: string): string {
  return `notification-follow-${featureRequestId}-${recipientId}`;
}

/** Records the choice unless it is already the recorded one: following twice changes nothing. */
export function decide(command: FollowCommand, state: FollowChoice): FollowEvent[] {
  const following = command.kind === 'Follow';
  if (state.following === following) return [];
  return [{ type: following ? 'RecipientFollowed' : 'RecipientUnfollowed', recipientId: command.recipientId, featureRequestId: command.featureRequestId, occurredAt: command.at }];
}

export function evolveAll(events: readonly FollowEvent[], state: FollowChoice = NO_CHOICE): FollowChoice {
  return events.reduce<FollowChoice>((_, event) => ({ following: event.type === 'RecipientFollowed' }), state);
}
