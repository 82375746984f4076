// The layering rule lives here so it cannot rot: the Okta client, the rotation engine, the rotation history, the
// orgs (one org's configuration and credential), the fleet (many orgs: what is known of them and its refresher,
// the tree's and the reminders' pure parts, the campaign, imports), the simulator and the redaction function run
// in plain Node and must never import 'vscode'.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const noVscode = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        { name: 'vscode', message: 'Only src/vscode/ may import vscode: this layer runs and is tested in plain Node.' },
      ],
      patterns: [
        {
          group: ['**/vscode/**', '../vscode/*'],
          message: 'Dependencies point down the stack: vscode/ -> rotation/ -> okta/.',
        },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'out/**', 'test-output/**', '.vscode-test/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: [
      'src/okta/**/*.ts',
      'src/rotation/**/*.ts',
      'src/history/**/*.ts',
      'src/orgs/**/*.ts',
      'src/fleet/**/*.ts',
      'src/simulator/**/*.ts',
      'src/redact.ts',
    ],
    rules: noVscode,
  },
  // An array spread into a call's arguments overflows the stack past ~100 000 items: Okta decides how many.
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(push|unshift|splice|concat|max|min|fromCharCode|apply)$/] > SpreadElement',
          message: 'No array spread into call arguments (a long array overflows the stack): loop, or use a reduce.',
        },
      ],
    },
  },
  // The webview pages (the checklist, the campaign) run in a browser, beside nothing of Node's.
  {
    files: ['src/webview/**/*.ts'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        acquireVsCodeApi: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        HTMLElement: 'readonly',
        Element: 'readonly',
        MessageEvent: 'readonly',
      },
    },
    // From the extension's side the page takes types only (the protocol, the view): none of its code runs here.
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'A webview page runs in a browser.' }],
          patterns: [
            {
              group: ['**/vscode/**', '**/rotation/**', '**/okta/**', '**/fleet/**', 'zod', 'zod/*'],
              allowTypeImports: true,
              message: 'A webview page imports types only from the extension side.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', 'scripts/**/*'],
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
      },
    },
  },
  // Formatting is Prettier's (npm run lint checks it): no ESLint rule may disagree with it.
  prettier,
);
