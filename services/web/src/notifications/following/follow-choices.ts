// The choices made in this tab, kept as long as the access token is (sessionStorage): notifications
// records them, but has no RPC that reads them back.
const STORAGE_PREFIX = 'frm.follows.';

type Choices = Record<string, boolean>;

/** Follow (true) or Unfollow (false), as last answered in this tab for `subject` and the request. */
export function chosenFollow(subject: string, featureRequestId: string): boolean | undefined {
  return readChoices(subject)[featureRequestId];
}

export function rememberFollow(subject: string, featureRequestId: string, following: boolean): void {
  try {
    sessionStorage.setItem(STORAGE_PREFIX + subject, JSON.stringify({ ...readChoices(subject), [featureRequestId]: following }));
  } catch {
    // Storage disabled by privacy settings: the choice holds on the platform, the page forgets it.
  }
}

function readChoices(subject: string): Choices {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(STORAGE_PREFIX + subject) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Choices) : {};
  } catch {
    return {};
  }
}
