import { frmV1 } from '@frm/contracts';
import { nextPageTokenOf } from './board-traffic';

describe('nextPageTokenOf', () => {
  const request = (id: string) => frmV1.FeatureRequest.fromPartial({ id, title: `Request ${id}`, description: 'x'.repeat(300), tags: ['a', 'b'], voteCount: '12' });

  it('reads the token after a page of requests, as the full decoding does', () => {
    const page = frmV1.ListFeatureRequestsResponse.encode({ featureRequests: [request('1'), request('2')], nextPageToken: 'tok-2' }).finish();

    expect(nextPageTokenOf(page)).toBe('tok-2');
    expect(nextPageTokenOf(page)).toBe(frmV1.ListFeatureRequestsResponse.decode(page).nextPageToken);
  });

  it('is empty on the last page', () => {
    expect(nextPageTokenOf(frmV1.ListFeatureRequestsResponse.encode({ featureRequests: [request('3')], nextPageToken: '' }).finish())).toBe('');
  });
});
