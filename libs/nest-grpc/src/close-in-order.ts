/** Something a service process holds open: a running service, a Redis client, the storage… */
export type Closer = () => unknown;

/**
 * Closes each in turn, every one even when an earlier one fails: a service that cannot stop cleanly
 * must still let go of its database. Resolves with whether all of them closed.
 */
export async function closeInOrder(closers: readonly Closer[]): Promise<boolean> {
  let allClosed = true;
  for (const close of closers) {
    try {
      await close();
    } catch {
      allClosed = false;
    }
  }
  return allClosed;
}

/** On SIGINT or SIGTERM: {@link closeInOrder}, then exit 0, or 1 when something did not close. */
export function closeOnSignals(closers: readonly Closer[]): void {
  const stop = () => {
    void closeInOrder(closers).then((allClosed) => process.exit(allClosed ? 0 : 1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
