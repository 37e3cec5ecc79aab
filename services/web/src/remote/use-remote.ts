import { useCallback, useEffect, useRef, useState } from 'react';
import { describeCallError, type CallProblem } from '../errors/describe-call-error';

/** A value read from the platform: loading, loaded, or failed with a problem to show. */
export interface Remote<T> {
  readonly value?: T;
  readonly problem?: CallProblem;
  readonly loading: boolean;
  /** Reads again, keeping the value shown meanwhile. */
  reload(): void;
  /** Replaces the value with one a command returned, without another read. */
  replace(value: T): void;
}

interface Settled<T> {
  readonly key: string;
  readonly version: number;
  readonly value?: T;
  readonly problem?: CallProblem;
}

/**
 * Reads `load()` whenever `key` changes (the key names everything the read depends on), cancels a
 * read that is no longer wanted, and never shows the answer of an older key.
 */
export function useRemote<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Remote<T> {
  const latestLoad = useRef(load);
  useEffect(() => {
    latestLoad.current = load;
  });
  const [version, setVersion] = useState(0);
  const [settled, setSettled] = useState<Settled<T>>();

  useEffect(() => {
    const controller = new AbortController();
    latestLoad.current(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) setSettled({ key, version, value });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        // A failed reload keeps the value that was shown, with the problem beside it.
        setSettled((previous) => ({ key, version, problem: describeCallError(error), ...(previous?.key === key && previous.value !== undefined ? { value: previous.value } : {}) }));
      },
    );
    return () => controller.abort();
  }, [key, version]);

  const reload = useCallback(() => setVersion((current) => current + 1), []);
  const replace = useCallback((value: T) => setSettled({ key, version, value }), [key, version]);
  const current = settled?.key === key ? settled : undefined;
  return {
    ...(current?.value !== undefined ? { value: current.value } : {}),
    ...(current?.problem !== undefined ? { problem: current.problem } : {}),
    loading: current === undefined || current.version !== version,
    reload,
    replace,
  };
}
