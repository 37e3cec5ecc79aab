import nx from '@nx/eslint-plugin';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';

// Tags: every project has one `type:*` and one `scope:*`. A service may use shared libraries and
// the contracts, never another service; libraries never depend on services. The launcher
// (`type:app`) is the composition root that runs every service in one process, so it alone may
// import services. Services are Nx libraries for that reason (Nx forbids importing applications);
// each still has its own entry point and runs as its own process in the distributed mode.
// The web board (`scope:web`) runs in browsers and reaches the platform only through the gateway's
// gRPC-web API, with code it generates from proto/ itself: it imports no project at all.
const depConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:operations', 'type:service', 'type:lib', 'type:contracts', 'type:testing'] },
  // Operations services (the DR orchestrator) rebuild and verify every service's projections, so they load their definitions.
  { sourceTag: 'type:operations', onlyDependOnLibsWithTags: ['type:service', 'type:lib', 'type:contracts', 'type:testing'] },
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:testing'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:testing'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:testing'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...['intake', 'voting', 'triage', 'notifications', 'compliance', 'gateway'].map(
    (scope) => ({ sourceTag: `scope:${scope}`, onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'] }),
  ),
  { sourceTag: 'scope:web', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'scope:dr-orchestrator', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'scope:launcher', onlyDependOnLibsWithTags: ['*'] },
  // The frm CLI rebuilds every service's projections, so it loads their definitions as the launcher does.
  { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['*'] },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/generated/**', 'services/web/src/gen/**', 'deploy/local/kafka/lib/**', 'tmp/**', '.data/**'],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allowCircularSelfDependency: false, depConstraints },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'off',
    },
  },
  {
    files: ['services/web/**/*.tsx', 'services/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // Text from people is shown as text, never parsed as HTML.
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render text from people as text, never as HTML.' },
        { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]", message: 'Render text from people as text, never as HTML.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
