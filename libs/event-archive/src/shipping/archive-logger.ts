/** The part of a pino logger the shipper uses. */
export interface ArchiveLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}
