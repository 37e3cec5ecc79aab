import { useEffect, useRef } from 'react';

/**
 * Calls `tick` every `intervalMs` while the page is visible, and once at once when it becomes
 * visible again: a tab in the background asks nothing of the platform.
 */
export function useVisibleInterval(tick: () => void, intervalMs: number): void {
  const latestTick = useRef(tick);
  useEffect(() => {
    latestTick.current = tick;
  });

  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const start = () => {
      if (timer === undefined) timer = setInterval(() => latestTick.current(), intervalMs);
    };
    const stop = () => {
      clearInterval(timer);
      timer = undefined;
    };
    const onVisibilityChange = () => {
      if (document.visibilityState === 'visible') {
        latestTick.current();
        start();
      } else stop();
    };
    if (document.visibilityState === 'visible') start();
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [intervalMs]);
}
