// One linter for the whole repo. Besides the recommended type-aware rules, it enforces the
// architecture's one-way dependencies (see BRIEF.md) so a package can never reach into an app.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const packageImportBans = {
  geodata: ['@tongilnet/radio', '@tongilnet/coverage', '@tongilnet/protocol', '@tongilnet/client'],
  radio: ['@tongilnet/coverage', '@tongilnet/protocol', '@tongilnet/client'],
  coverage: ['@tongilnet/protocol', '@tongilnet/client'],
  protocol: ['@tongilnet/geodata', '@tongilnet/radio', '@tongilnet/coverage', '@tongilnet/client'],
  client: ['@tongilnet/geodata', '@tongilnet/radio', '@tongilnet/coverage'],
  netem: [
    '@tongilnet/geodata',
    '@tongilnet/radio',
    '@tongilnet/coverage',
    '@tongilnet/protocol',
    '@tongilnet/client',
  ],
};

export default tseslint.config(
  // Generated code (protoc-gen-es) is checked by buf lint on its .proto source instead.
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'test-output/**', '**/*.d.ts', '**/src/gen/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Re-export by name, not with export *.' },
        {
          selector:
            "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]",
          message: 'No .only in committed tests.',
        },
      ],
    },
  },
  ...Object.entries(packageImportBans).map(([pkg, banned]) => ({
    files: [`packages/${pkg}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tongilnet/server', '@tongilnet/web', '@tongilnet/cli', '**/apps/**'],
              message: 'Packages never import apps.',
            },
            {
              group: banned,
              message: `Dependencies flow one way (BRIEF.md architecture): ${pkg} may not import this.`,
            },
            {
              group: ['@tongilnet/*/src/*'],
              message: 'No deep imports across packages; use the package entry.',
            },
          ],
        },
      ],
    },
  })),
  {
    // The library is pure; its tests may read shared data (through geodata's data discovery).
    files: ['packages/radio/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['node:fs', 'fs', 'node:fs/promises', 'node:http', 'node:net'].map((name) => ({
            name,
            message: 'radio is pure: no files, no network.',
          })),
          patterns: [{ group: ['@tongilnet/*'], message: 'radio depends on nothing of ours.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
