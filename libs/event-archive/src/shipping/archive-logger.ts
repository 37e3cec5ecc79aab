/** The part of a pino logger the shipper uses. */
export interface ArchiveLogger {
  /** Each file shipped: a segment every few seconds is routine, not news. */
  debug(details: object, message: string): void;
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}
