/** Delays between attempts of a mail the SMTP server did not take; the last one repeats. */
export const DEFAULT_MAIL_RETRY_SCHEDULE = '30s,2m,10m,30m,1h';
