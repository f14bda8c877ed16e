import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import functional from 'eslint-plugin-functional'

const subpathsCrashNode = {
  regex: '^(fp-ts|io-ts)/(?!lib/)',
  message: "Import from the package root or from 'fp-ts/lib/X.js': other subpaths crash plain Node ESM.",
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'docs/api/**',
      'docs/.vitepress/cache/**',
      'docs/.vitepress/dist/**',
      'runs/**',
      '.scratch/**',
      'bench/results/**',
      'bench/**/*.py',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['src/**/*.ts', 'laws/**/*.ts'],
    ignores: ['src/cli/**'],
    plugins: { functional },
    rules: {
      'functional/no-let': 'error',
      'functional/immutable-data': 'error',
      'functional/no-loop-statements': 'error',
    },
  },
  {
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [subpathsCrashNode] }],
    },
  },
  {
    // what users bundle: values from one copy of fp-ts and io-ts
    files: ['src/**/*.ts', 'laws/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            subpathsCrashNode,
            {
              regex: '^(fp-ts|io-ts)/lib/',
              allowTypeImports: true,
              message:
                "Import values from the package root ('fp-ts', 'io-ts'): a bundler resolves the root to the ES modules but 'fp-ts/lib/X.js' to the CommonJS ones, and bundles both copies. Types may come from 'fp-ts/lib/X.js'.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**', 'docs/**', 'bench/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  { files: ['**/*.js', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
)
