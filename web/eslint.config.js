// ESLint for the web UI (issue 13): `npm run lint` fails on any problem, warnings included.
// Not type-checked (typescript-eslint `recommended`, not `recommended-type-checked`) so it stays fast;
// `tsc -p .` does the type checking. Formatting is Prettier's (`npm run format:check`), so
// eslint-config-prettier comes last and turns off every stylistic rule.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'node_modules/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      globals: { ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A missing dependency is a stale value waiting to happen: an error, not a warning.
      'react-hooks/exhaustive-deps': 'error',
      // As tsc's noUnusedParameters: `_name` marks an argument that must be there but is not read;
      // `const { dropped: _, ...rest } = x` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  prettier,
);
