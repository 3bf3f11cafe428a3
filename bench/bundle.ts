// Bundle section: builds the Workbench and the floor app with Vite's JS API (same target, no
// module-preload polyfill on both, so only the code differs), then gzips what the first page load
// needs: the entry chunk and everything it imports statically, read from Vite's manifest.
import react from '@vitejs/plugin-react'
import { join } from 'node:path'
import { build } from 'vite'
import { dynamicEntrySources, firstLoadFiles, gzipTotal, jsFilesOf, readManifest } from './manifest'
import type { Figure } from './table'

/** Builds the Workbench with its own vite.config.ts into outDir, plus a manifest. */
export async function buildWorkbench(repoRoot: string, outDir: string): Promise<void> {
  await build({
    root: repoRoot,
    configFile: join(repoRoot, 'vite.config.ts'),
    build: { outDir, emptyOutDir: true, manifest: true },
    logLevel: 'silent',
  })
}

/** Builds bench/floor-app with no config file: just the React plugin and the Workbench's build options. */
export async function buildFloor(floorRoot: string, outDir: string): Promise<void> {
  await build({
    root: floorRoot,
    configFile: false,
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      manifest: true,
      target: 'es2022',
      modulePreload: { polyfill: false },
    },
    logLevel: 'silent',
  })
}

/** Views the Workbench must load on demand: every feature view except Compose. */
const ON_DEMAND_VIEWS = [
  'history-view',
  'analysis-view',
  'handles-view',
  'presets-view',
  // Settings with sign-in and the roster (src/app/settings-page.tsx), and the Inbox.
  'settings-page',
  'inbox-view',
]

export const FIRST_LOAD_BUDGET_BYTES = 20 * 1024

export function measureBundle(appDir: string, floorDir: string): Figure[] {
  const app = readManifest(appDir)
  const floor = readManifest(floorDir)
  const appFirst = gzipTotal(appDir, firstLoadFiles(app))
  const floorFirst = gzipTotal(floorDir, firstLoadFiles(floor))
  const appAll = gzipTotal(appDir, jsFilesOf(app))
  const floorAll = gzipTotal(floorDir, jsFilesOf(floor))
  const lazy = dynamicEntrySources(app)
  const missing = ON_DEMAND_VIEWS.filter((view) => !lazy.some((src) => src.includes(`/${view}.`)))
  return [
    {
      section: 'bundle',
      figure: 'First-load JS (gzip)',
      value: appFirst,
      unit: 'B',
      reference: floorFirst,
      referenceLabel: 'floor',
      target: '≤ floor + 20 KB',
      pass: appFirst <= floorFirst + FIRST_LOAD_BUDGET_BYTES,
      note: `${firstLoadFiles(app).length} chunk(s) at first load; over floor by ${((appFirst - floorFirst) / 1024).toFixed(1)} KB`,
    },
    {
      section: 'bundle',
      figure: 'All JS (gzip)',
      value: appAll,
      unit: 'B',
      reference: floorAll,
      referenceLabel: 'floor',
      target: 'informative',
    },
    {
      section: 'bundle',
      figure: 'Other views on demand',
      value: ON_DEMAND_VIEWS.length - missing.length,
      unit: `of ${ON_DEMAND_VIEWS.length}`,
      target: 'all lazy chunks',
      pass: missing.length === 0,
      note: missing.length
        ? `not split out: ${missing.join(', ')}`
        : `lazy chunks: ${lazy.join(', ')}`,
    },
  ]
}
