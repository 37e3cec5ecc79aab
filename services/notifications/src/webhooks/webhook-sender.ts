import { Agent, request } from 'undici';
import { signDelivery } from './webhook-signature';
import { checkWebhookUrl, WebhookUrlRefusedError, type WebhookUrlPolicy } from './webhook-url-policy';

export interface WebhookDelivery {
  /** The same on every attempt: receivers drop repeats by it (`webhook-id`). */
  readonly deliveryId: string;
  readonly url: string;
  readonly secret: string;
  /** The JSON body, exactly as signed. */
  readonly body: string;
}

/** What one attempt came to. `permanent`: retrying cannot help (the URL is no longer allowed). */
export type AttemptOutcome =
  | { readonly delivered: true; readonly status: number; readonly durationMs: number }
  | { readonly delivered: false; readonly status?: number; readonly error: string; readonly permanent: boolean; readonly durationMs: number };

export interface WebhookSenderOptions extends WebhookUrlPolicy {
  /** How long an endpoint may take to connect, to send its answer's headers, and between parts of its body, before the attempt counts as failed (default 10 s). */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Makes delivery attempts: checks the URL again (a name may resolve elsewhere than when the webhook
 * was made), signs the body with a fresh timestamp, POSTs it, and reads a 2xx answer as delivered.
 * Redirects are not followed: a signed delivery goes where its owner said. Its own connection pool
 * with a deadline, so a slow endpoint holds only its own attempt.
 */
export class WebhookSender {
  private readonly agent: Agent;
  private readonly timeoutMs: number;
  /** Set at shutdown once the grace period is over (the pool being destroyed): attempts still waiting end at once, as failed. */
  private destroyed: Promise<void> | undefined;

  constructor(private readonly options: WebhookSenderOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // The deadlines are the pool's, and an interruption destroys the pool: a timer or an abort signal
    // per attempt costs more than the call itself at thousands of deliveries a second.
    this.agent = new Agent({ connectTimeout: this.timeoutMs, headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs });
  }

  async attempt(delivery: WebhookDelivery, now: Date = new Date()): Promise<AttemptOutcome> {
    const started = performance.now();
    const took = () => Math.round(performance.now() - started);
    try {
      const url = await checkWebhookUrl(delivery.url, this.options);
      const response = await request(url, {
        method: 'POST',
        dispatcher: this.agent,
        headers: { 'content-type': 'application/json', 'user-agent': 'frm-notifications', ...signDelivery(delivery.secret, delivery.deliveryId, now, delivery.body) },
        body: delivery.body,
      });
      // Only the status matters; the body is read and dropped so the connection can be reused.
      await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      if (response.statusCode >= 200 && response.statusCode < 300) return { delivered: true, status: response.statusCode, durationMs: took() };
      return { delivered: false, status: response.statusCode, error: `the endpoint answered ${response.statusCode}`, permanent: false, durationMs: took() };
    } catch (error) {
      if (this.destroyed) {
        // The endpoint may have had it: the retry carries the same webhook-id, so it can drop a repeat.
        return { delivered: false, error: 'the service stopped before the endpoint answered', permanent: false, durationMs: took() };
      }
      const permanent = error instanceof WebhookUrlRefusedError;
      return { delivered: false, error: describe(error), permanent, durationMs: took() };
    }
  }

  /** Ends every attempt still waiting for its endpoint; each counts as failed and is retried. */
  interrupt(): void {
    if (this.destroyed) return;
    // Fails every request in flight at once; none is sent after it (the pool is gone).
    this.destroyed = this.agent.destroy(new Error('the service stopped before the endpoint answered')).catch(() => undefined);
  }

  /** Closes the pool once the attempts in flight have ended (at once after {@link interrupt}). */
  async close(): Promise<void> {
    await (this.destroyed ?? this.agent.close());
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
