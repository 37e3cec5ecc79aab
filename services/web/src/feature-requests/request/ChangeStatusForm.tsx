import { useId, useState, type FormEvent } from 'react';
import { intake } from '../../api/gateway-clients';
import { newRequestId } from '../../api/new-request-id';
import { CallErrorNotice } from '../../errors/CallErrorNotice';
import { describeCallError, type CallProblem } from '../../errors/describe-call-error';
import type { FeatureRequest } from '../../gen/frm/v1/feature_request_pb';
import { nextStatuses, statusLabel, statusSlug } from '../status-labels';

const REASON_MAX_LENGTH = 1_000;

/** For the product team: move the request one step along its way, with a reason its followers see. */
export function ChangeStatusForm({ request, onChanged }: { request: FeatureRequest; onChanged: (changed: FeatureRequest) => void }) {
  const ids = useId();
  const choices = nextStatuses(request.status);
  const [chosen, setChosen] = useState('');
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<CallProblem>();
  const [said, setSaid] = useState('');
  // The choice made for an earlier status means nothing once the request has moved on.
  const target = choices.find((status) => statusSlug(status) === chosen) ?? choices[0];

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (target === undefined) return;
    setSaving(true);
    setProblem(undefined);
    setSaid('');
    intake
      .changeStatus({ requestId: newRequestId(), featureRequestId: request.id, status: target, reason })
      .then(
        (changed) => {
          onChanged(changed);
          setReason('');
          setChosen('');
          setSaid(`Moved to ${statusLabel(changed.status)}.`);
        },
        (error: unknown) => setProblem(describeCallError(error)),
      )
      .finally(() => setSaving(false));
  };

  return (
    <section aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>Change the status</h3>
      {choices.length === 0 ? (
        <p>This request is {statusLabel(request.status).toLowerCase()}; its status no longer changes.</p>
      ) : (
        <form onSubmit={save} noValidate>
          <label htmlFor={`${ids}-status`}>New status</label>
          <select id={`${ids}-status`} value={target !== undefined ? statusSlug(target) : ''} onChange={(event) => setChosen(event.target.value)}>
            {choices.map((status) => (
              <option key={status} value={statusSlug(status)}>
                {statusLabel(status)}
              </option>
            ))}
          </select>
          <label htmlFor={`${ids}-reason`}>Reason (shown to everyone who follows it)</label>
          <textarea
            id={`${ids}-reason`}
            rows={3}
            maxLength={REASON_MAX_LENGTH}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            aria-invalid={problem?.fields.includes('reason') ?? false}
          />
          <button type="submit" disabled={saving}>
            {saving ? 'Saving…' : `Move to ${target !== undefined ? statusLabel(target) : ''}`}
          </button>
        </form>
      )}
      <p role="status" className="said">
        {said}
      </p>
      {problem && <CallErrorNotice problem={problem} />}
    </section>
  );
}
