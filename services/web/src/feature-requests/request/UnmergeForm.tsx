import { useId, useState } from 'react';
import { intake } from '../../api/gateway-clients';
import { newRequestId } from '../../api/new-request-id';
import { CallErrorNotice } from '../../errors/CallErrorNotice';
import { describeCallError, type CallProblem } from '../../errors/describe-call-error';
import { FeatureRequestStatus, type FeatureRequest } from '../../gen/frm/v1/feature_request_pb';

const REASON_MAX_LENGTH = 1_000;

/**
 * For the product team: undo a merge that was a mistake. The request returns to the status it had
 * and its votes come back from the other request, so this too asks before it acts.
 */
export function UnmergeForm({ request, onUnmerged }: { request: FeatureRequest; onUnmerged: (unmerged: FeatureRequest) => void }) {
  const ids = useId();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<CallProblem>();

  if (request.status !== FeatureRequestStatus.MERGED) return null;

  const unmerge = () => {
    setBusy(true);
    setProblem(undefined);
    intake
      .unmergeFeatureRequest({ requestId: newRequestId(), featureRequestId: request.id, reason })
      .then(onUnmerged, (error: unknown) => setProblem(describeCallError(error)))
      .finally(() => setBusy(false));
  };

  return (
    <section aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>Undo the merge</h3>
      <label htmlFor={`${ids}-reason`}>Reason</label>
      <textarea id={`${ids}-reason`} rows={2} maxLength={REASON_MAX_LENGTH} value={reason} onChange={(event) => setReason(event.target.value)} />
      {confirming ? (
        <div className="confirm" role="group" aria-labelledby={`${ids}-confirm`}>
          <p id={`${ids}-confirm`}>
            Reopen this request in the status it had before? The votes it brought to the other request come back here; people who voted for
            both keep both votes.
          </p>
          <button type="button" className="danger" onClick={unmerge} disabled={busy}>
            Undo the merge
          </button>
        </div>
      ) : (
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>
          Undo the merge…
        </button>
      )}
      {problem && <CallErrorNotice problem={problem} />}
    </section>
  );
}
