import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier'

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='NODE_TLS_REJECT_UNAUTHORIZED']",
          message: 'TLS trust is per server profile; never a process-wide switch.',
        },
      ],
    },
  },
  {
    // Test support lives in testing/ folders (src/main/testing, src/renderer/src/testing,
    // src/shared/testing); production code never reaches into them.
    files: ['src/**/*.ts', 'src/**/*.vue'],
    ignores: ['**/*.test.ts', '**/*.keychain-test.ts', '**/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/testing', '**/testing/**'],
              message: 'testing/ holds test support: production code must not import it.',
            },
          ],
        },
      ],
    },
  },
  {
    // A test mounts small shells of its own around the component it tests.
    files: ['**/*.test.ts'],
    rules: { 'vue/one-component-per-file': 'off' },
  },
  prettier,
)
