import { ROLES } from '@frm/caller';
import { readDescriptorImage } from '@frm/contracts';
import { RPC_ACCESS } from './rpc-access.table';

/** `package.Service/Method` of every RPC in the contracts, read from the descriptor image. */
function everyRpcOfTheContracts(): string[] {
  const rpcs: string[] = [];
  for (const file of readDescriptorImage().files) {
    for (const service of file.services) for (const method of service.methods) rpcs.push(`${service.typeName}/${method.name}`);
  }
  return rpcs;
}

describe('the access table', () => {
  const rpcs = everyRpcOfTheContracts();

  it('sees the RPCs of the contracts', () => {
    expect(rpcs).toContain('frm.v1.IntakeService/SubmitFeatureRequest');
  });

  it.each(rpcs)('says who may call %s', (rpc) => {
    // A missing entry would refuse the RPC to everybody: add it to RPC_ACCESS with the roles that may call it.
    expect(Object.hasOwn(RPC_ACCESS, rpc)).toBe(true);
    expect(RPC_ACCESS[rpc]?.length).toBeGreaterThan(0);
    for (const role of RPC_ACCESS[rpc] ?? []) expect(ROLES).toContain(role);
  });

  it('names no RPC the contracts do not have', () => {
    expect(Object.keys(RPC_ACCESS).filter((rpc) => !rpcs.includes(rpc))).toEqual([]);
  });
});
