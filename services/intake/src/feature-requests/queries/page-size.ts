import { InvalidArgumentError } from '@frm/grpc-errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** 0 asks for the default; larger sizes are capped (AIP-158), negative ones refused. */
export function pageSizeOf(requested: number): number {
  if (!Number.isInteger(requested) || requested < 0) {
    throw new InvalidArgumentError('page_size', `must be 0 (the default, ${DEFAULT_PAGE_SIZE}) or more`, requested);
  }
  return requested === 0 ? DEFAULT_PAGE_SIZE : Math.min(requested, MAX_PAGE_SIZE);
}
