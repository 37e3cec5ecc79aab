/** Trailer naming each field an `INVALID_ARGUMENT` refused, once per field, so a client can mark it. */
export const FIELD_TRAILER = 'frm-field';

/** Trailer with the seconds to wait after `RESOURCE_EXHAUSTED`, as HTTP's `Retry-After`. */
export const RETRY_AFTER_TRAILER = 'retry-after';
