import type { CallProblem } from './describe-call-error';

/** What the board itself finds wrong in a form before calling, told as the platform tells it. */
export function inputProblem(message: string, fields: readonly string[]): CallProblem {
  return { status: 'INVALID_ARGUMENT', title: 'Please check what you entered', message, fields, needsSignIn: false, retryable: false };
}
