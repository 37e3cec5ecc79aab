import type { FeatureRequest } from '../../gen/frm/v1/feature_request_pb';
import { plural } from '../../format/people';
import { Time } from '../../format/Time';
import { Link } from '../../routing/Link';
import { hrefOf } from '../../routing/routes';
import { catalogueLabel } from '../catalogue';
import { StatusBadge } from '../StatusBadge';
import { TagList } from '../TagList';

export function FeatureRequestCard({ request }: { request: FeatureRequest }) {
  return (
    <li className="card">
      <h2 className="card-title">
        <Link href={hrefOf({ page: 'request', id: request.id })} id={`request-link-${request.id}`}>
          {request.title}
        </Link>
      </h2>
      <p className="meta">
        <StatusBadge status={request.status} />
        <span>{catalogueLabel(request.category)}</span>
        <span>{plural(request.voteCount, 'vote', 'votes')}</span>
        <span>{plural(request.commentCount, 'comment', 'comments')}</span>
        <span>
          Submitted <Time at={request.createTime} />
        </span>
      </p>
      <TagList tags={request.tags} />
    </li>
  );
}
