import { frmV1, timestampFromDate } from '@frm/contracts';
import type { FeatureRequest, FeatureRequestStatus } from './domain';
import { toApiStatus } from './event-codec/status-names';

/** A `feature_requests` row as the queries select it. */
export interface FeatureRequestRow {
  id: string;
  title: string;
  description: string;
  category: string;
  tags: string[];
  status: FeatureRequestStatus;
  status_reason: string;
  author_id: string;
  supplier_type: string | null;
  wedding_date: string | null;
  vote_count: string;
  weighted_vote_count: number;
  comment_count: number;
  merged_into_id: string | null;
  possible_duplicate_of_ids: string[];
  created_at: Date;
  updated_at: Date;
  /** `created_at` to the microsecond, for page tokens. */
  created_cursor: string;
}

export const FEATURE_REQUEST_COLUMNS = `id::text, title, description, category, tags, status, status_reason, author_id,
  supplier_type, wedding_date, vote_count::text as vote_count, weighted_vote_count::float8 as weighted_vote_count, comment_count,
  merged_into_id::text as merged_into_id, possible_duplicate_of_ids::text[] as possible_duplicate_of_ids,
  created_at, updated_at, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_cursor`;

/** A `comments` row as the queries select it. */
export interface CommentRow {
  id: string;
  feature_request_id: string;
  author_id: string;
  body: string;
  created_at: Date;
  revision: string;
}

export const COMMENT_COLUMNS = 'id::text, feature_request_id::text, author_id, body, created_at, revision::text as revision';

/** What a command answers: the request as its own events tell it. Votes are the voting service's to count. */
export function featureRequestMessageOf(request: FeatureRequest): frmV1.FeatureRequest {
  return frmV1.FeatureRequest.create({
    id: request.id,
    title: request.title,
    description: request.description,
    category: request.category,
    tags: [...request.tags],
    status: toApiStatus(request.status),
    statusReason: request.statusReason,
    authorId: request.authorId,
    weddingContext: request.weddingContext && { ...request.weddingContext },
    voteCount: '0',
    weightedVoteCount: 0,
    commentCount: String(request.commentCount),
    createTime: timestampFromDate(request.createdAt),
    updateTime: timestampFromDate(request.updatedAt),
    mergedIntoId: request.mergedIntoId ?? '',
    possibleDuplicateOfIds: [...request.possibleDuplicateOfIds],
  });
}

export function featureRequestMessageOfRow(row: FeatureRequestRow): frmV1.FeatureRequest {
  const hasContext = row.supplier_type !== null || row.wedding_date !== null;
  return frmV1.FeatureRequest.create({
    id: row.id,
    title: row.title,
    description: row.description,
    category: row.category,
    tags: row.tags,
    status: toApiStatus(row.status),
    statusReason: row.status_reason,
    authorId: row.author_id,
    weddingContext: hasContext ? { supplierType: row.supplier_type ?? '', weddingDate: row.wedding_date ?? '' } : null,
    voteCount: row.vote_count,
    weightedVoteCount: row.weighted_vote_count,
    commentCount: String(row.comment_count),
    createTime: timestampFromDate(new Date(row.created_at)),
    updateTime: timestampFromDate(new Date(row.updated_at)),
    mergedIntoId: row.merged_into_id ?? '',
    possibleDuplicateOfIds: row.possible_duplicate_of_ids,
  });
}

export function commentMessageOf(comment: {
  id: string;
  featureRequestId: string;
  authorId: string;
  body: string;
  createdAt: Date;
}): frmV1.Comment {
  return frmV1.Comment.create({
    id: comment.id,
    featureRequestId: comment.featureRequestId,
    authorId: comment.authorId,
    body: comment.body,
    createTime: timestampFromDate(comment.createdAt),
  });
}

export function commentMessageOfRow(row: CommentRow): frmV1.Comment {
  return commentMessageOf({
    id: row.id,
    featureRequestId: row.feature_request_id,
    authorId: row.author_id,
    body: row.body,
    createdAt: new Date(row.created_at),
  });
}
