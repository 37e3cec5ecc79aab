import { ROLES } from '@frm/caller';
import { readDescriptorImage } from '@frm/contracts';
import { RPC_ACCESS } from './rpc-access.table';

// Service-to-service APIs (frm.internal.*) are never called by people: they stay out of the table,
// so that the gateway refuses them to every role (authorizeCall fails closed).
const INTERNAL_PACKAGE = /^frm\.internal\./;

/** `package.Service/Method` of every public RPC in the contracts, read from the descriptor image. */
function everyRpcOfTheContracts(): string[] {
  const rpcs: string[] = [];
  for (const file of readDescriptorImage().files) {
    for (const service of file.services) {
      if (INTERNAL_PACKAGE.test(service.typeName)) continue;
      for (const method of service.methods) rpcs.push(`${service.typeName}/${method.name}`);
    }
  }
  return rpcs;
}

function everyInternalRpc(): string[] {
  return [...readDescriptorImage().files]
    .flatMap((file) => file.services)
    .filter((service) => INTERNAL_PACKAGE.test(service.typeName))
    .flatMap((service) => service.methods.map((method) => `${service.typeName}/${method.name}`));
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

  it('opens no internal (service-to-service) RPC to any role', () => {
    const internal = everyInternalRpc();
    expect(internal).toContain('frm.internal.v1.SubjectKeyService/FindSubjectKeys');
    expect(internal.filter((rpc) => Object.hasOwn(RPC_ACCESS, rpc))).toEqual([]);
  });

  it('names no RPC the contracts do not have', () => {
    expect(Object.keys(RPC_ACCESS).filter((rpc) => !rpcs.includes(rpc))).toEqual([]);
  });
});
