// Lint: typescript-eslint with type information (floating promises, any, exhaustive switches) and the
// import boundaries of DESIGN.md. Formatting is Prettier's alone (eslint-config-prettier turns style rules off).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// A lib is reached only through its alias and index: no relative path out of it, no deep import into another.
const boundaries = {
  patterns: [
    {
      group: ['../../**'],
      message: 'Reach another lib or app through its @claimdesk/* alias, not a relative path out of this one.',
    },
    {
      group: ['@claimdesk/*/**'],
      message:
        'Import a lib through its index (@claimdesk/<name>), not its files: export what you need from its index.ts.',
    },
    {
      regex: '(^|/)libs/[^/]+/src(/|$)',
      message: 'Import a lib through its @claimdesk/* alias, not its src/ folder.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'libs/extraction/model/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // Fastify hooks and Nest lifecycle methods are async by contract, with or without an await inside.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', boundaries] },
  },
  {
    // Raw SQL in the features goes through rawQuery (@claimdesk/database): declared row type, one result shape.
    files: ['libs/**/*.ts'],
    ignores: ['libs/database/**', '**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='query'][arguments.length>0]",
          message: 'Use rawQuery<Row>(em, sql, params) from @claimdesk/database: typed rows, one result shape.',
        },
      ],
    },
  },
  {
    // Tests and scripts read JSON bodies (typed `Json` in test/support/test-env.ts) and optional packages; each
    // field is checked by expect() or printed, so the "unsafe any" family would only demand casts. `any` itself
    // stays forbidden.
    files: ['test/**/*.ts', 'scripts/**/*.ts', 'research/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Config files in CommonJS (jest, the path map).
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  prettier,
);
