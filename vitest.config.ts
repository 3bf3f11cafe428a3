import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

// Two projects: `unit` runs *.test.ts in Node (domain, server over loopback, stores on
// fake-indexeddb); `component` runs *.test.tsx in jsdom with Testing Library.
export default defineConfig({
  plugins: [react()],
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['src/**/*.test.tsx'],
          setupFiles: ['src/testing/setup-component.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
})
