import { intake } from '../../api/gateway-clients';
import type { FeatureRequest } from '../../gen/frm/v1/feature_request_pb';
import { useRemote } from '../../remote/use-remote';

// Many flagged votes name the same request (that is often why they were flagged): ask once each.
const requests = new Map<string, Promise<FeatureRequest>>();

function requestOf(id: string): Promise<FeatureRequest> {
  let request = requests.get(id);
  if (request === undefined) {
    request = intake.getFeatureRequest({ featureRequestId: id });
    requests.set(id, request);
    request.catch(() => requests.delete(id));
  }
  return request;
}

/** A request's title, read by id; the fallback until then, or if it cannot be read. */
export function RequestTitle({ id, fallback }: { id: string; fallback: string }) {
  const request = useRemote(`title:${id}`, () => requestOf(id));
  return <>{request.value?.title ?? fallback}</>;
}
