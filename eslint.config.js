// ESLint flat config: typescript-eslint strict rules, React hooks, Prettier compatibility and the
// import boundaries of DESIGN.md §3, enforced with `no-restricted-imports` per folder.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'node:*'];

/** Relative imports that reach into the top-level folder `name` from another folder. */
const folder = (name) => ({
  group: [1, 2, 3, 4].flatMap((depth) => {
    const up = '../'.repeat(depth);
    return [`${up}${name}`, `${up}${name}/**`];
  }),
  message: `Import boundary: this folder may not import from ${name}/ (see DESIGN.md §3).`,
});

const noNode = {
  paths: [
    ...nodeBuiltins.map((name) => ({
      name,
      message: 'Import boundary: this folder runs in the browser and may not import Node built-ins.',
    })),
    { name: 'electron', message: 'Import boundary: this folder may not import Electron.' },
  ],
};

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'coverage/', '.tsbuild/', 'test/lint-fixtures/', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noNode,
          patterns: ['renderer', 'electron', 'server', 'test', 'bench', 'scripts'].map(folder),
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { ...noNode, patterns: ['electron', 'server', 'test', 'bench', 'scripts'].map(folder) },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['renderer', 'server', 'test', 'bench', 'scripts'].map(folder) },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['renderer', 'electron', 'test', 'bench', 'scripts'].map(folder) },
      ],
    },
  },
);
