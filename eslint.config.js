import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import functional from 'eslint-plugin-functional'
import { importX } from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'

/**
 * The layers of src/, each a folder, from the ground floor up (docs/architecture.md):
 * a folder may import only the folders it lists. The command line and the
 * entry files at the top of src/ may import everything; nothing in src/
 * imports laws/, test/ or bench/.
 */
const layers = {
  matrix: [],
  ad: ['matrix'],
  data: ['matrix'],
  numeric: ['matrix', 'ad'],
  backprop: ['matrix', 'ad'],
  train: ['matrix', 'ad', 'backprop', 'data'],
}
const folders = ['matrix', 'ad', 'data', 'numeric', 'backprop', 'train', 'cli']

const layerRules = Object.entries(layers).map(([layer, allowed]) => {
  const forbidden = folders.filter((f) => f !== layer && !allowed.includes(f))
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${forbidden.join('|')})/`,
              message: `src/${layer} may import only ${allowed.length === 0 ? 'itself' : allowed.map((f) => `src/${f}`).join(', ')}: a lower layer never imports a higher one.`,
            },
            {
              regex: '^(\\.\\./)+(laws|test|bench)/',
              message: 'src/ never imports laws/, test/ or bench/.',
            },
          ],
        },
      ],
    },
  }
})

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
  ...layerRules,
  {
    files: ['src/**/*.ts', 'laws/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
      // the modules a cycle runs through are parsed as TypeScript, or the rule cannot follow them
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    files: ['test/**', 'docs/**', 'bench/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  { files: ['**/*.js', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
)
