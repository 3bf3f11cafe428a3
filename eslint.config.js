import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import pluginQuery from '@tanstack/eslint-plugin-query'
import { importX, createNodeResolver } from 'eslint-plugin-import-x'
import globals from 'globals'

// Layer zones (bulletproof-react's .eslintrc.cjs): imports point one way,
// mpsd <- server; mpsd <- lib, data, components <- features <- app; features never import each other.
const features = [
  'compose',
  'response',
  'history',
  'handles',
  'presets',
  'batch',
  'activity',
  'settings',
  'analysis',
  'identities',
  'inbox',
  'expect',
  'runs',
  'sessions',
]
const featureZones = features.map((name) => ({
  target: `./src/features/${name}`,
  from: './src/features',
  except: [`./${name}`],
  message: 'Features never import each other: compose them in src/app.',
}))

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-*',
      'bin',
      'node_modules',
      'test-results',
      'playwright-report',
      'bench/.work',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginQuery.configs['flat/recommended-strict'],
  { files: ['**/*.{js,mjs}'], languageOptions: { globals: globals.node } },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] }),
      ],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/mpsd',
              from: [
                './src/server',
                './src/lib',
                './src/data',
                './src/components',
                './src/features',
                './src/app',
              ],
              message: 'src/mpsd is the framework-free domain: it imports nothing of ours.',
            },
            {
              target: './src/server',
              from: ['./src/lib', './src/data', './src/components', './src/features', './src/app'],
              message: 'The server shares only src/mpsd with the browser.',
            },
            {
              // The CLI's `run` calls the proxy core and the simulator in process (decision 120).
              target: './src/cli',
              from: ['./src/lib', './src/data', './src/components', './src/features', './src/app'],
              message: 'The CLI runs in Node on src/mpsd and the server cores alone.',
            },
            {
              target: ['./src/lib', './src/data', './src/components'],
              from: ['./src/server', './src/features', './src/app'],
              message: 'Headless and shared layers never reach up into features or the app.',
            },
            {
              target: './src/features',
              from: ['./src/app', './src/server'],
              message: 'Features are composed by src/app, never the reverse.',
            },
            ...featureZones,
          ],
        },
      ],
    },
  },
  {
    // The domain runs in the browser and in Node: no node: built-ins, no React.
    files: ['src/mpsd/**/*.ts'],
    ignores: ['src/mpsd/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'react', 'react-*', 'react/*'],
              message: 'src/mpsd is framework-free.',
            },
          ],
        },
      ],
    },
  },
  {
    // Named exports only, no barrels (Epic Stack style), except where a tool demands a default.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
        {
          selector:
            'CallExpression[callee.object.name="console"][callee.property.name=/^(log|info|debug)$/]',
          message: 'Use the server logger, which redacts secrets.',
        },
      ],
    },
  },
)
