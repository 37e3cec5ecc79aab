/** Runs `step` over and over until stopped; `stop` resolves with how many steps ran and the errors they threw. */
export function repeatInBackground(step: () => Promise<void>) {
  let running = true;
  let steps = 0;
  const errors: unknown[] = [];
  const loop = (async () => {
    while (running) {
      try {
        await step();
        steps += 1;
      } catch (error) {
        errors.push(error);
      }
      // Lets the other work on a single-connection engine (PGlite) have its turn.
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  return {
    get steps() {
      return steps;
    },
    async stop() {
      running = false;
      await loop;
      return { steps, errors };
    },
  };
}
