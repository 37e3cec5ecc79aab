import { Controller, Module } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { Observable } from 'rxjs';
import { frmV1 } from '@frm/contracts';
import { createLogger } from '@frm/logging';
import { ServiceTestClient, waitUntil } from '@frm/testing';
import { startGrpcService } from '../src';
@Controller()
class EndlessWatch {
  static unsubscribed = 0;

  @GrpcMethod('NotificationService', 'WatchNotifications')
  watch(): Observable<frmV1.NotificationUpdate> {
    return new Observable<frmV1.NotificationUpdate>((subscriber) => {
      subscriber.next(frmV1.NotificationUpdate.fromPartial({ unreadCount: '1' }));
      // Never completes: only the client's cancel ends it.
      return () => {
        EndlessWatch.unsubscribed += 1;
      };
    });
  }
}

@Module({ controllers: [EndlessWatch] })
class WatchModule {}

describe('a server stream the client cancels', () => {
  it('tells the handler, through every interceptor, so that its work stops', async () => {
    const service = await startGrpcService({
      service: 'testing',
      host: '127.0.0.1',
      port: 0,
      portSetting: 'FRM_TESTING_GRPC_PORT',
      logger: createLogger({ service: 'testing', level: 'silent' }),
      module: { module: WatchModule },
    });
    const client = new ServiceTestClient<frmV1.NotificationServiceController, null>(service.address, frmV1.NotificationServiceService, frmV1, () => ({}));
    try {
      const stream = client.stream('watchNotifications', {}, null);
      stream.on('error', () => undefined); // CANCELLED, as asked
      await new Promise<void>((resolve) => stream.once('data', () => resolve()));
      stream.cancel();
      await waitUntil('the handler is unsubscribed', () => EndlessWatch.unsubscribed === 1);
    } finally {
      (client as unknown as { client: { close(): void } }).client.close();
      await service.close();
    }
  });
});
