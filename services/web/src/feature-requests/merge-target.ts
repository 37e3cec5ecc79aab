const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The request id in what a person pasted: the id itself, or the link of the request's page. */
export function featureRequestIdFrom(pasted: string): string | undefined {
  return UUID.exec(pasted.trim())?.[0]?.toLowerCase();
}
