import { useId, useState, type FormEvent } from 'react';
import { intake } from '../../api/gateway-clients';
import { newRequestId } from '../../api/new-request-id';
import { CallErrorNotice } from '../../errors/CallErrorNotice';
import { describeCallError, type CallProblem } from '../../errors/describe-call-error';
import { inputProblem } from '../../errors/input-problem';
import type { Comment, FeatureRequest } from '../../gen/frm/v1/feature_request_pb';
import { personLabel, plural } from '../../format/people';
import { Time } from '../../format/Time';
import { useRemote } from '../../remote/use-remote';

const COMMENT_MAX_LENGTH = 5_000;
const PAGE_SIZE = 50;

interface Loaded {
  readonly featureRequestId: string;
  readonly comments: readonly Comment[];
  readonly nextPageToken?: string;
}

/** The discussion, oldest first, and a form to join it. */
export function CommentsSection({ request, signedInSubject }: { request: FeatureRequest; signedInSubject: string }) {
  const ids = useId();
  const firstPage = useRemote(`comments:${request.id}`, (signal) =>
    intake.listComments({ featureRequestId: request.id, pageSize: PAGE_SIZE }, { signal }),
  );
  const [more, setMore] = useState<Loaded>();
  const [body, setBody] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<CallProblem>();
  const [said, setSaid] = useState('');

  const later = more?.featureRequestId === request.id ? more : undefined;
  // A comment just added may come again with a later page: each is shown once.
  const seen = new Set<string>();
  const comments = [...(firstPage.value?.comments ?? []), ...(later?.comments ?? [])].filter((comment) => !seen.has(comment.id) && seen.add(comment.id));
  const nextPageToken = later?.nextPageToken ?? firstPage.value?.nextPageToken ?? '';

  const append = (added: readonly Comment[], nextToken?: string) =>
    setMore((previous) => {
      const same = previous?.featureRequestId === request.id ? previous : undefined;
      const token = nextToken ?? same?.nextPageToken;
      return { featureRequestId: request.id, comments: [...(same?.comments ?? []), ...added], ...(token !== undefined ? { nextPageToken: token } : {}) };
    });

  const showMore = () => {
    setProblem(undefined);
    intake.listComments({ featureRequestId: request.id, pageSize: PAGE_SIZE, pageToken: nextPageToken }).then(
      (page) => append(page.comments, page.nextPageToken),
      (error: unknown) => setProblem(describeCallError(error)),
    );
  };

  const send = (event: FormEvent) => {
    event.preventDefault();
    setSaid('');
    if (body.trim() === '') {
      setProblem(inputProblem('Write a comment first.', ['body']));
      return;
    }
    setSending(true);
    setProblem(undefined);
    intake
      .addComment({ requestId: newRequestId(), featureRequestId: request.id, body })
      .then(
        (comment) => {
          append([comment]);
          setBody('');
          setSaid('Your comment is added.');
        },
        (error: unknown) => setProblem(describeCallError(error)),
      )
      .finally(() => setSending(false));
  };

  const bodyInvalid = problem?.fields.includes('body') ?? false;
  return (
    <section aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments</h2>
      {firstPage.problem && <CallErrorNotice problem={firstPage.problem} onRetry={firstPage.reload} />}
      {firstPage.value === undefined ? (
        !firstPage.problem && <p>Loading comments…</p>
      ) : comments.length === 0 ? (
        <p>No comments yet.</p>
      ) : (
        <ol className="comments" aria-label={plural(comments.length, 'comment', 'comments')}>
          {comments.map((comment) => (
            <li key={comment.id}>
              <p className="meta">
                <span>
                  {personLabel(comment.authorId, signedInSubject)}
                  {comment.authorId === request.authorId ? ' (author)' : ''}
                </span>
                <Time at={comment.createTime} />
              </p>
              <p className="comment-body">{comment.body}</p>
            </li>
          ))}
        </ol>
      )}
      {nextPageToken !== '' && (
        <button type="button" className="secondary" onClick={showMore}>
          Show more comments
        </button>
      )}
      <form onSubmit={send} className="comment-form" noValidate>
        <label htmlFor={`${ids}-body`}>Add a comment</label>
        <textarea
          id={`${ids}-body`}
          name="body"
          rows={4}
          maxLength={COMMENT_MAX_LENGTH}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          aria-invalid={bodyInvalid}
          aria-describedby={`${ids}-count`}
        />
        <p id={`${ids}-count`} className="hint">
          {body.length.toLocaleString('en')} of {COMMENT_MAX_LENGTH.toLocaleString('en')} characters
        </p>
        <button type="submit" disabled={sending}>
          {sending ? 'Sending…' : 'Add comment'}
        </button>
        <p role="status" className="said">
          {said}
        </p>
        {problem && <CallErrorNotice problem={problem} />}
      </form>
    </section>
  );
}
