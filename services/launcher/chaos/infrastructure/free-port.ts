import { findFreePort } from '@frm/testing';

/** `count` distinct TCP ports nobody listens on now, so that a process restarted later comes back on the same one. */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await findFreePort());
  return [...ports];
}
