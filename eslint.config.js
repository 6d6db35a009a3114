// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'fixtures/**', 'test/independent-provider/build/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'bin/*.js', '.ci/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      // Node hands out sockets typed as their base class (req.socket is a TLSSocket on TLS servers).
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // Test handlers are Fetch handlers: async by contract, often without an await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['bin/**/*.js', 'eslint.config.js', '.ci/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // The planted-bug decoders of the fuzzer: plain Node scripts spawned as real processes (docs/FUZZING.md).
    files: ['test/fuzz/planted/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { parserOptions: { projectService: false }, globals: { process: 'readonly', console: 'readonly', setImmediate: 'readonly', TextEncoder: 'readonly' } },
  },
  {
    // Recipes that worker threads import as plain Node modules (test/conformance/workers.test.ts).
    files: ['test/conformance/fixtures/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { parserOptions: { projectService: false }, globals: { process: 'readonly', setImmediate: 'readonly' } },
  },
  {
    // The benchmark report and the scale child: plain Node scripts run by `npm run bench` (docs/BENCHMARKS.md).
    files: ['bench/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { parserOptions: { projectService: false }, globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly', Response: 'readonly' } },
  },
);
