// The house's JavaScript rules (`make lint`, first in `make test`): ESLint's recommended set
// over every script we write; the built and vendored folders are left out.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['dist/', 'pkg/', 'pkg-reader/', 'target/', 'node_modules/', 'test-results/', 'bench/floor/'] },
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.browser } },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }] },
  },
  // Scripts that run in Node (tests, benchmarks, build helpers); their page.evaluate callbacks run in the browser.
  { files: ['tests/**', 'bench/**', 'scripts/**', 'eslint.config.js'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  // No function over 80 lines in what readers and editors run (tests keep their long cases).
  { files: ['www/**/*.js', 'integrations/**/*.js'], rules: { 'max-lines-per-function': ['error', { max: 80 }] } },
  // Classic scripts: host pages load them with <script src>, WordPress's editor as a plain script.
  { files: ['embed-demo/*.js', 'tests/xengine/probe.js', 'integrations/**/*.js'], languageOptions: { sourceType: 'script' } },
];
