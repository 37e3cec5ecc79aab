import type { Interceptor } from '@connectrpc/connect';

/** Sends the signed-in user's token with every call; the gateway authenticates each one. */
export function bearerToken(currentToken: () => string | null): Interceptor {
  return (next) => (request) => {
    const token = currentToken();
    if (token !== null) request.header.set('authorization', `Bearer ${token}`);
    return next(request);
  };
}

/** Names this browser to the gateway, which passes it to fraud detection as a client signal. */
export function deviceFingerprint(deviceId: () => string | undefined): Interceptor {
  return (next) => (request) => {
    const id = deviceId();
    if (id !== undefined) request.header.set('x-device-fingerprint', id);
    return next(request);
  };
}
