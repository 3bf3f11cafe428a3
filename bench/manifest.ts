// Reading Vite's build manifest (dist/.vite/manifest.json): which chunks a first page load fetches and
// which modules became on-demand chunks. Pure apart from readManifest, so it is unit-tested.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

export type ManifestChunk = {
  file: string
  src?: string
  isEntry?: boolean
  isDynamicEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
}
export type Manifest = Record<string, ManifestChunk>

/** The chunk files one page load fetches: the entry chunk and its static imports, transitively. */
export function firstLoadFiles(manifest: Manifest): string[] {
  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry)
  if (!entryKey) throw new Error('manifest has no entry chunk')
  const seen = new Set<string>()
  const files: string[] = []
  const visit = (key: string) => {
    if (seen.has(key)) return
    seen.add(key)
    const chunk = manifest[key]
    if (!chunk) throw new Error(`manifest names ${key} but has no entry for it`)
    files.push(chunk.file)
    // Only static imports: dynamic imports are what "loaded on demand" means.
    for (const next of chunk.imports ?? []) visit(next)
  }
  visit(entryKey)
  return files
}

/** Source modules Vite split into their own on-demand chunk (lazy views and the like). */
export function dynamicEntrySources(manifest: Manifest): string[] {
  return Object.values(manifest)
    .filter((chunk) => chunk.isDynamicEntry)
    .map((chunk) => chunk.src ?? chunk.file)
}

export function gzipSize(bytes: Uint8Array): number {
  // Level 9 on both sides: the figure is a ratio to the floor, so the level only has to match.
  return gzipSync(bytes, { level: 9 }).byteLength
}

export function readManifest(outDir: string): Manifest {
  return JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Manifest
}

export function jsFilesOf(manifest: Manifest): string[] {
  return [...new Set(Object.values(manifest).map((c) => c.file))].filter((f) => f.endsWith('.js'))
}

export function gzipTotal(outDir: string, files: readonly string[]): number {
  return files
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gzipSize(readFileSync(join(outDir, f))), 0)
}
