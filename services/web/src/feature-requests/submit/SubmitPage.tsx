import { useId, useState, type FormEvent } from 'react';
import { intake } from '../../api/gateway-clients';
import { newRequestId } from '../../api/new-request-id';
import { PageHeading } from '../../app/PageHeading';
import { CallErrorNotice } from '../../errors/CallErrorNotice';
import { describeCallError, type CallProblem } from '../../errors/describe-call-error';
import { inputProblem } from '../../errors/input-problem';
import { navigate } from '../../routing/navigation';
import { hrefOf } from '../../routing/routes';
import type { SignedInUser } from '../../session/access-token';
import { CATEGORIES, catalogueLabel, SUPPLIER_TYPES } from '../catalogue';
import { parseTags } from '../tags';
import { fieldOfViolation, type SubmitField } from './submit-fields';

const TITLE_MAX_LENGTH = 140;
const DESCRIPTION_MAX_LENGTH = 10_000;

/** Submit a feature request; on success its page opens. */
export function SubmitPage({ user }: { user: SignedInUser }) {
  const ids = useId();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState('');
  const [tags, setTags] = useState('');
  const [supplierType, setSupplierType] = useState('');
  const [weddingDate, setWeddingDate] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<CallProblem>();
  const isSupplier = user.roles.includes('supplier');
  const isCouple = user.roles.includes('couple');

  const invalid = new Set((problem?.fields ?? []).map(fieldOfViolation).filter((field): field is SubmitField => field !== undefined));
  const fieldProps = (field: SubmitField) => ({
    id: `${ids}-${field}`,
    name: field,
    'aria-invalid': invalid.has(field),
    ...(invalid.has(field) ? { 'aria-errormessage': `${ids}-problem` } : {}),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = [...(title.trim() === '' ? ['title'] : []), ...(category === '' ? ['category'] : [])];
    if (missing.length > 0) {
      setProblem(inputProblem(`Give ${missing.map((field) => (field === 'title' ? 'a title' : 'a category')).join(' and ')}.`, missing));
      return;
    }
    setSending(true);
    setProblem(undefined);
    const context = supplierType !== '' || weddingDate !== '' ? { weddingContext: { supplierType, weddingDate } } : {};
    intake
      .submitFeatureRequest({ requestId: newRequestId(), title, description, category, tags: parseTags(tags), ...context })
      .then(
        (submitted) => navigate(hrefOf({ page: 'request', id: submitted.id })),
        (error: unknown) => {
          setProblem(describeCallError(error));
          setSending(false);
        },
      );
  };

  return (
    <section className="narrow">
      <PageHeading title="Submit a feature request">Submit a feature request</PageHeading>
      <p className="lede">Tell the product team what would make the marketplace better for you. One idea per request works best.</p>
      <form onSubmit={submit} noValidate className="submit-form" aria-describedby={problem ? `${ids}-problem` : undefined}>
        {problem && (
          <div id={`${ids}-problem`}>
            <CallErrorNotice problem={problem} />
          </div>
        )}
        <label htmlFor={`${ids}-title`}>
          Title <span className="required">(required)</span>
        </label>
        <input {...fieldProps('title')} value={title} maxLength={TITLE_MAX_LENGTH} onChange={(event) => setTitle(event.target.value)} required aria-describedby={`${ids}-title-hint`} />
        <p id={`${ids}-title-hint`} className="hint">
          One line, up to {TITLE_MAX_LENGTH} characters ({title.length} so far).
        </p>

        <label htmlFor={`${ids}-description`}>Description</label>
        <textarea
          {...fieldProps('description')}
          rows={6}
          maxLength={DESCRIPTION_MAX_LENGTH}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          aria-describedby={`${ids}-description-hint`}
        />
        <p id={`${ids}-description-hint`} className="hint">
          What you are trying to do, and what gets in the way today.
        </p>

        <label htmlFor={`${ids}-category`}>
          Category <span className="required">(required)</span>
        </label>
        <select {...fieldProps('category')} value={category} onChange={(event) => setCategory(event.target.value)} required>
          <option value="">Choose a category</option>
          {CATEGORIES.map((value) => (
            <option key={value} value={value}>
              {catalogueLabel(value)}
            </option>
          ))}
        </select>

        <label htmlFor={`${ids}-tags`}>Tags</label>
        <input {...fieldProps('tags')} value={tags} onChange={(event) => setTags(event.target.value)} aria-describedby={`${ids}-tags-hint`} />
        <p id={`${ids}-tags-hint`} className="hint">
          Separated by commas, e.g. “seating plan, RSVP”; up to 10.
        </p>

        {isSupplier && (
          <>
            <label htmlFor={`${ids}-supplier_type`}>Your supplier type</label>
            <select {...fieldProps('supplier_type')} value={supplierType} onChange={(event) => setSupplierType(event.target.value)}>
              <option value="">Prefer not to say</option>
              {SUPPLIER_TYPES.map((value) => (
                <option key={value} value={value}>
                  {catalogueLabel(value)}
                </option>
              ))}
            </select>
          </>
        )}
        {isCouple && (
          <>
            <label htmlFor={`${ids}-wedding_date`}>Your wedding date</label>
            <input {...fieldProps('wedding_date')} type="date" value={weddingDate} onChange={(event) => setWeddingDate(event.target.value)} aria-describedby={`${ids}-date-hint`} />
            <p id={`${ids}-date-hint`} className="hint">
              Optional; it helps the team see what is urgent before the wedding season.
            </p>
          </>
        )}
        <button type="submit" disabled={sending}>
          {sending ? 'Submitting…' : 'Submit request'}
        </button>
      </form>
    </section>
  );
}
