import type { Metadata } from '@grpc/grpc-js';
import { callerMetadataOf, type CallerClaims } from '@frm/caller';
import { frmV1 } from '@frm/contracts';
import { ServiceTestClient } from '@frm/testing';

export type Rpc = keyof frmV1.NotificationServiceController;

/** A grpc-js client of frm.v1.NotificationService, calling as the gateway does (caller metadata). */
export class NotificationsClient extends ServiceTestClient<frmV1.NotificationServiceController, CallerClaims> {
  constructor(address: string) {
    super(address, frmV1.NotificationServiceService, frmV1, (as) => callerMetadataOf(as));
  }

  /** Opens WatchNotifications: every update lands in `updates` until `cancel()`. */
  watch(as: CallerClaims): { updates: frmV1.NotificationUpdate[]; cancel(): void; ended: Promise<void> } {
    const metadata = this.metadata(as);
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
}
