import { describe, expect, it } from 'vitest'
import { dynamicEntrySources, firstLoadFiles, gzipSize, jsFilesOf, type Manifest } from './manifest'

// The shape Vite writes: the entry keyed by its HTML, shared chunks keyed "_name.js", lazy modules
// keyed by their source path with isDynamicEntry.
const manifest: Manifest = {
  'index.html': {
    file: 'assets/index.js',
    src: 'index.html',
    isEntry: true,
    imports: ['_vendor.js'],
    dynamicImports: ['src/history-view.tsx'],
    css: ['assets/index.css'],
  },
  '_vendor.js': { file: 'assets/vendor.js', imports: ['_shared.js'] },
  '_shared.js': { file: 'assets/shared.js', imports: ['_vendor.js'] },
  'src/history-view.tsx': {
    file: 'assets/history-view.js',
    src: 'src/history-view.tsx',
    isDynamicEntry: true,
    imports: ['_shared.js', '_lazy-only.js'],
  },
  '_lazy-only.js': { file: 'assets/lazy-only.js' },
}

describe('firstLoadFiles', () => {
  it('follows static imports transitively, once each, and never dynamic ones', () => {
    expect(firstLoadFiles(manifest)).toEqual([
      'assets/index.js',
      'assets/vendor.js',
      'assets/shared.js',
    ])
  })

  it('refuses a manifest without an entry', () => {
    expect(() => firstLoadFiles({ '_a.js': { file: 'a.js' } })).toThrow(/no entry/)
  })
})

describe('dynamicEntrySources and jsFilesOf', () => {
  it('lists the lazy modules and every JS file', () => {
    expect(dynamicEntrySources(manifest)).toEqual(['src/history-view.tsx'])
    expect(jsFilesOf(manifest)).toHaveLength(5)
  })
})

describe('gzipSize', () => {
  it('is far below the raw size for repetitive text and deterministic', () => {
    const bytes = new TextEncoder().encode('const a = 1;\n'.repeat(1000))
    expect(gzipSize(bytes)).toBeLessThan(bytes.byteLength / 10)
    expect(gzipSize(bytes)).toBe(gzipSize(bytes))
  })
})
