import { credentials, makeGenericClientConstructor, Metadata, type ServiceError } from '@grpc/grpc-js';
import type { Observable } from 'rxjs';
import { callerMetadataOf, type CallerClaims } from '@frm/caller';
import { frmV1 } from '@frm/contracts';

export type Rpc = keyof frmV1.NotificationServiceController;
type RequestOf<R extends Rpc> = Parameters<frmV1.NotificationServiceController[R]>[0];
type ResponseOf<R extends Rpc> = Exclude<Awaited<ReturnType<frmV1.NotificationServiceController[R]>>, Observable<unknown>>;
type UnaryCall = (request: unknown, metadata: Metadata, callback: (error: ServiceError | null, response?: unknown) => void) => void;
type Codec = { fromPartial(value: unknown): unknown };

const REQUEST_CODECS: Record<Rpc, Codec> = {
  follow: frmV1.FollowRequest,
  unfollow: frmV1.UnfollowRequest,
  listNotifications: frmV1.ListNotificationsRequest,
  markRead: frmV1.MarkReadRequest,
  markAllRead: frmV1.MarkAllReadRequest,
  getPreferences: frmV1.GetPreferencesRequest,
  updatePreferences: frmV1.UpdatePreferencesRequest,
  watchNotifications: frmV1.WatchNotificationsRequest,
  createWebhook: frmV1.CreateWebhookRequest,
  listWebhooks: frmV1.ListWebhooksRequest,
  deleteWebhook: frmV1.DeleteWebhookRequest,
  listWebhookDeliveries: frmV1.ListWebhookDeliveriesRequest,
  redeliverWebhook: frmV1.RedeliverWebhookRequest,
};

/** A grpc-js client of frm.v1.NotificationService, calling as the gateway does (caller metadata). */
export class NotificationsClient {
  private readonly client: Record<Rpc, UnaryCall> & { close(): void };

  constructor(address: string) {
    const Client = makeGenericClientConstructor(frmV1.NotificationServiceService, 'NotificationService');
    this.client = new Client(address, credentials.createInsecure()) as unknown as typeof this.client;
  }

  call<R extends Rpc>(rpc: R, request: Partial<RequestOf<R>>, as: CallerClaims): Promise<ResponseOf<R>> {
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(callerMetadataOf(as))) metadata.set(key, value);
    return new Promise((resolve, reject) =>
      this.client[rpc].call(this.client, REQUEST_CODECS[rpc].fromPartial(request), metadata, (error, response) => (error ? reject(error) : resolve(response as ResponseOf<R>))),
    );
  }

  /** Opens WatchNotifications: every update lands in `updates` until `cancel()`. */
  watch(as: CallerClaims): { updates: frmV1.NotificationUpdate[]; cancel(): void; ended: Promise<void> } {
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(callerMetadataOf(as))) metadata.set(key, value);
    const stream = (this.client as unknown as Record<string, (request: unknown, metadata: Metadata) => NodeJS.EventEmitter & { cancel(): void }>)['watchNotifications'].call(
      this.client,
      frmV1.WatchNotificationsRequest.fromPartial({}),
      metadata,
    );
    const updates: frmV1.NotificationUpdate[] = [];
    stream.on('data', (update: frmV1.NotificationUpdate) => updates.push(update));
    const ended = new Promise<void>((resolve) => {
      stream.on('error', () => resolve());
      stream.on('end', () => resolve());
    });
    return { updates, cancel: () => stream.cancel(), ended };
  }

  /** The error a call fails with; rejects when the call succeeds. */
  async failure<R extends Rpc>(rpc: R, request: Partial<RequestOf<R>>, as: CallerClaims): Promise<ServiceError> {
    const outcome = await this.call(rpc, request, as).then(
      () => undefined,
      (error: ServiceError) => error,
    );
    if (!outcome) throw new Error(`${rpc} succeeded but should have failed`);
    return outcome;
  }

  close(): void {
    this.client.close();
  }
}
