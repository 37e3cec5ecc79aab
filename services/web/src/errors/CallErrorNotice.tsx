import type { CallProblem } from './describe-call-error';
import { signOut } from '../session/session-store';

/** A failed call, told in words, with the way out when there is one. */
export function CallErrorNotice({ problem, onRetry }: { problem: CallProblem; onRetry?: () => void }) {
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">
        {problem.title} <span className="status-code">({problem.status})</span>
      </p>
      {problem.message !== '' && <p>{problem.message}</p>}
      {problem.retryAfterSeconds !== undefined && (
        <p>
          You can try again in {problem.retryAfterSeconds} {problem.retryAfterSeconds === 1 ? 'second' : 'seconds'}.
        </p>
      )}
      {problem.needsSignIn && (
        <button type="button" onClick={signOut}>
          Sign in again
        </button>
      )}
      {onRetry && problem.retryable && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
