import { ServerInterceptingCall, type ServerInterceptor } from '@grpc/grpc-js';
import { RpcMetrics, type Registry } from '@frm/metrics';

/** Probes call the health service every few seconds; counting them would drown the service's own RPCs. */
const UNCOUNTED_PREFIX = '/grpc.health.';

/**
 * Times every RPC of the server from its arrival to its status and counts it by RPC and gRPC code
 * (`frm_rpc_duration_seconds`, `frm_rpc_calls_total`). It sits in the transport, under Nest, so a
 * call refused by a filter or a validation pipe is counted with the code the client received.
 */
export function rpcMetricsInterceptor(registry: Registry): ServerInterceptor {
  const metrics = new RpcMetrics(registry, { prefix: 'frm' });
  return (method, call) => {
    if (method.path.startsWith(UNCOUNTED_PREFIX)) return new ServerInterceptingCall(call);
    // The method path is one the server registered, so labels stay bounded without a list.
    const finish = metrics.startCall(method.path.slice(1));
    return new ServerInterceptingCall(call, {
      sendStatus: (status, next) => {
        finish(status.code);
        next(status);
      },
    });
  };
}
