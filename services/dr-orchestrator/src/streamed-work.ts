import { Observable, type Subscriber } from 'rxjs';

/**
 * A server stream of long work: `work` runs once a caller subscribes, sends what it has to say
 * with `next`, and the stream completes when it ends or fails with its error (`errorOf` turns a
 * library error into the gRPC status the caller should see). Cancelling the call aborts `signal`;
 * an error caused by that cancellation is not sent, as nobody is listening.
 */
export function streamedWork<Update>(
  work: (signal: AbortSignal, next: Subscriber<Update>['next']) => Promise<void>,
  options: { readonly errorOf?: (error: unknown) => unknown; readonly isCancellation?: (error: unknown) => boolean } = {},
): Observable<Update> {
  return new Observable<Update>((subscriber) => {
    const cancel = new AbortController();
    work(cancel.signal, (update) => subscriber.next(update)).then(
      () => subscriber.complete(),
      (error: unknown) => {
        if (cancel.signal.aborted && options.isCancellation?.(error)) return;
        subscriber.error(options.errorOf ? options.errorOf(error) : error);
      },
    );
    return () => cancel.abort();
  });
}
