import { useId, useState, type FormEvent } from 'react';
import { newRequestId } from '../api/new-request-id';
import { PageHeading } from '../app/PageHeading';
import { decodeAccessToken } from './access-token';
import { signIn } from './session-store';

/** Development sign-in: paste a token minted by `npx frm token`; it stays in this tab only. */
export function SignInPage() {
  const [pasted, setPasted] = useState('');
  const [problem, setProblem] = useState<string>();
  const [exampleSubject] = useState(newRequestId);
  const ids = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const decoded = decodeAccessToken(pasted);
    if (decoded.ok) signIn(decoded.token);
    else setProblem(decoded.problem);
  };

  return (
    <section className="panel narrow">
      <PageHeading title="Sign in">Sign in</PageHeading>
      <p>
        The board acts with your access token. In development, mint one in the project folder (roles are <code>couple</code>,{' '}
        <code>supplier</code>, <code>product</code> and <code>admin</code>):
      </p>
      <pre className="command">
        <code>npx frm token --sub {exampleSubject} --roles couple</code>
      </pre>
      <p className="hint">
        It signs with <code>FRM_JWT_SECRET</code>, or the development secret <code>npm start</code> keeps in <code>.data/jwt-secret</code>. The
        token stays in this browser tab until you sign out or close it.
      </p>
      <form onSubmit={submit} noValidate>
        <label htmlFor={`${ids}-token`}>Access token</label>
        <textarea
          id={`${ids}-token`}
          name="token"
          rows={4}
          spellCheck={false}
          autoComplete="off"
          value={pasted}
          onChange={(event) => setPasted(event.target.value)}
          aria-invalid={problem !== undefined}
          aria-describedby={problem !== undefined ? `${ids}-problem` : undefined}
        />
        {problem !== undefined && (
          <p id={`${ids}-problem`} className="field-error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit">Sign in</button>
      </form>
    </section>
  );
}
