import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const workspaceRoot = join(__dirname, '../../..');

const projects = ['libs', 'services']
  .flatMap((folder) => readdirSync(join(workspaceRoot, folder)).map((name) => `${folder}/${name}/project.json`))
  .filter((file) => existsSync(join(workspaceRoot, file)))
  .map((file) => ({
    file,
    ...(JSON.parse(readFileSync(join(workspaceRoot, file), 'utf8')) as { name: string; tags?: string[] }),
  }));

async function boundaryErrors(filePath: string, source: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: workspaceRoot });
  const [result] = await eslint.lintText(source, { filePath: join(workspaceRoot, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('workspace boundaries', () => {
  it('gives every project one type tag, one scope tag and its folder name', () => {
    expect(projects.length).toBeGreaterThan(5);
    for (const project of projects) {
      const tags = project.tags ?? [];
      expect({ file: project.file, types: tags.filter((t) => t.startsWith('type:')).length }).toEqual({ file: project.file, types: 1 });
      expect({ file: project.file, scopes: tags.filter((t) => t.startsWith('scope:')).length }).toEqual({ file: project.file, scopes: 1 });
      expect(project.file).toBe(`${project.file.split('/')[0]}/${project.name}/project.json`);
    }
  });

  it('refuses an import that the tags forbid', async () => {
    const errors = await boundaryErrors('libs/contracts/src/forbidden.ts', `import { openPgDatabase } from '@frm/postgres';\nexport const x = openPgDatabase;\n`);
    expect(errors.join('\n')).toMatch(/type:contracts/);
  });

  it('allows an import that the tags permit', async () => {
    const errors = await boundaryErrors('libs/projections/src/allowed.ts', `import { START } from '@frm/event-store';\nexport const x = START;\n`);
    expect(errors).toEqual([]);
  });

  it('refuses a service importing another service', async () => {
    const errors = await boundaryErrors('services/intake/src/forbidden.ts', `import { startGateway } from '@frm/gateway';\nexport const x = startGateway;\n`);
    expect(errors.join('\n')).toMatch(/type:service/);
  });
});
