import type { ServerResponse } from 'node:http';
import { Metadata, status, type Client, type ServiceError } from '@grpc/grpc-js';
import { frmInternalV1 } from '@frm/contracts';
import type { Logger } from '@frm/logging';
import { type HttpRequest, type HttpResponse } from './http-exchange';

/** The path of the links in the platform's mails (`FRM_PUBLIC_URL/unsubscribe?token=…`). */
export const UNSUBSCRIBE_PATH = '/unsubscribe';
const RPC_PATH = '/frm.internal.v1.NotificationLinkService/Unsubscribe';
const DEADLINE_MS = 10_000;

/**
 * One-click unsubscribe (RFC 8058) at `/unsubscribe`: a POST (what mail clients send for
 * `List-Unsubscribe-Post`, or the page's button) asks the notifications service to act on the
 * link's signed token; a GET only shows a page with that button, as link scanners follow GETs and
 * must not unsubscribe anybody. No access token: the signed token is the authority.
 */
export function createUnsubscribeRoute(options: { readonly notifications: () => Client | undefined; readonly logger: Logger }) {
  const tokenOf = (req: HttpRequest) => new URL(req.url ?? '/', 'http://gateway').searchParams.get('token') ?? '';
  return {
    page(req: HttpRequest, res: HttpResponse): void {
      const token = tokenOf(req);
      respondHtml(
        res,
        200,
        'Unsubscribe',
        `<p>Stop these e-mails from the feature board?</p>
         <form method="post" action="${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(token)}"><button type="submit">Unsubscribe</button></form>`,
      );
    },

    async submit(req: HttpRequest, res: HttpResponse): Promise<void> {
      // The body (`List-Unsubscribe=One-Click`) says nothing the token does not; read it to free the socket.
      req.resume();
      const client = options.notifications();
      if (!client) return respondHtml(res, 503, 'Not available', '<p>Unsubscribing is not available here: the notifications service is not routed.</p>');
      try {
        const { done } = await unsubscribe(client, tokenOf(req));
        respondHtml(res, 200, 'Unsubscribed', `<p>${escapeHtml(done)}</p>`);
      } catch (error) {
        const failure = error as ServiceError;
        if (failure.code === status.INVALID_ARGUMENT) return respondHtml(res, 400, 'Link not valid', `<p>${escapeHtml(failure.details)}</p>`);
        options.logger.error({ err: error }, 'an unsubscribe link could not be followed: the notifications service failed');
        respondHtml(res, 503, 'Try again later', '<p>Your request could not be handled just now; please try the link again later.</p>');
      }
    },
  };
}

function unsubscribe(client: Client, token: string): Promise<frmInternalV1.UnsubscribeResponse> {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      RPC_PATH,
      (request: frmInternalV1.UnsubscribeRequest) => Buffer.from(frmInternalV1.UnsubscribeRequest.encode(request).finish()),
      (bytes: Buffer) => frmInternalV1.UnsubscribeResponse.decode(bytes),
      { token },
      new Metadata(),
      { deadline: Date.now() + DEADLINE_MS },
      (error, response) => (error || !response ? reject(error ?? new Error('no answer')) : resolve(response)),
    );
  });
}

function respondHtml(res: HttpResponse, statusCode: number, title: string, body: string): void {
  (res as ServerResponse).writeHead(statusCode, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>\n`);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
