import { existsSync } from 'node:fs';
import path from 'node:path';
import { readDescriptorImage } from './descriptor-image';
import { FRM_INTERNAL_V1_PACKAGE, FRM_INTERNAL_V1_PROTO_FILES, FRM_V1_PACKAGE, FRM_V1_PROTO_FILES, PROTO_ROOT } from './proto-files';

describe('proto files', () => {
  it('FRM_V1_PROTO_FILES lists every file of the frm.v1 package', () => {
    const files = [...readDescriptorImage().files]
      .filter((file) => file.proto.package === FRM_V1_PACKAGE)
      .map((file) => file.proto.name)
      .sort();

    expect([...FRM_V1_PROTO_FILES].sort()).toEqual(files);
  });

  it('FRM_INTERNAL_V1_PROTO_FILES lists every file of the frm.internal.v1 package', () => {
    const files = [...readDescriptorImage().files]
      .filter((file) => file.proto.package === FRM_INTERNAL_V1_PACKAGE)
      .map((file) => file.proto.name)
      .sort();

    expect([...FRM_INTERNAL_V1_PROTO_FILES].sort()).toEqual(files);
  });

  it('are found under PROTO_ROOT', () => {
    for (const file of [...FRM_V1_PROTO_FILES, ...FRM_INTERNAL_V1_PROTO_FILES]) expect(existsSync(path.join(PROTO_ROOT, file))).toBe(true);
  });
});
