import { useId, useState, type FormEvent } from 'react';
import { intake } from '../../api/gateway-clients';
import { newRequestId } from '../../api/new-request-id';
import { CallErrorNotice } from '../../errors/CallErrorNotice';
import { describeCallError, type CallProblem } from '../../errors/describe-call-error';
import { inputProblem } from '../../errors/input-problem';
import type { FeatureRequest } from '../../gen/frm/v1/feature_request_pb';
import { isFinal, statusLabel } from '../status-labels';
import { featureRequestIdFrom } from '../merge-target';

const REASON_MAX_LENGTH = 1_000;

/**
 * For the product team: merge this request into the one it duplicates. A merge closes the request
 * and moves its votes, so the target is looked up and shown by its title before the merge is confirmed.
 */
export function MergeForm({ request, onMerged }: { request: FeatureRequest; onMerged: (merged: FeatureRequest) => void }) {
  const ids = useId();
  const [pasted, setPasted] = useState('');
  const [reason, setReason] = useState('');
  const [target, setTarget] = useState<FeatureRequest>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<CallProblem>();

  if (isFinal(request.status)) return null;

  const refuse = (message: string) => setProblem(inputProblem(message, ['target_feature_request_id']));

  const find = (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    setTarget(undefined);
    const targetId = featureRequestIdFrom(pasted);
    if (targetId === undefined) return refuse('Paste the id of the other request, or the link of its page.');
    if (targetId === request.id) return refuse('A request cannot be merged into itself.');
    setBusy(true);
    intake
      .getFeatureRequest({ featureRequestId: targetId })
      .then(setTarget, (error: unknown) => setProblem(describeCallError(error)))
      .finally(() => setBusy(false));
  };

  const merge = () => {
    if (target === undefined) return;
    setBusy(true);
    setProblem(undefined);
    intake
      .mergeFeatureRequest({ requestId: newRequestId(), sourceFeatureRequestId: request.id, targetFeatureRequestId: target.id, reason })
      .then(onMerged, (error: unknown) => setProblem(describeCallError(error)))
      .finally(() => setBusy(false));
  };

  return (
    <section aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>Merge into another request</h3>
      <form onSubmit={find} noValidate>
        <label htmlFor={`${ids}-target`}>The other request (its id or the link of its page)</label>
        <input
          id={`${ids}-target`}
          value={pasted}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => {
            setPasted(event.target.value);
            setTarget(undefined);
          }}
          aria-invalid={problem?.fields.includes('target_feature_request_id') ?? false}
        />
        <label htmlFor={`${ids}-reason`}>Reason</label>
        <textarea id={`${ids}-reason`} rows={2} maxLength={REASON_MAX_LENGTH} value={reason} onChange={(event) => setReason(event.target.value)} />
        <button type="submit" className="secondary" disabled={busy}>
          Find the request
        </button>
      </form>
      {target && (
        <div className="confirm" role="group" aria-labelledby={`${ids}-confirm`}>
          <p id={`${ids}-confirm`}>
            Merge into “{target.title}” ({statusLabel(target.status).toLowerCase()})? Its votes will include this request’s votes, and this
            request will be closed until someone of the product team undoes the merge.
          </p>
          <button type="button" className="danger" onClick={merge} disabled={busy}>
            Merge into this request
          </button>
        </div>
      )}
      {problem && <CallErrorNotice problem={problem} />}
    </section>
  );
}
