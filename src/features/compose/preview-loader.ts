// The preview (request line, body, headers, snippets) is a chunk of its own, fetched beside the
// composer's checks right after the first render: it renders no sooner than they do, and the
// first load stays within its budget (decision 060, 130).
import type * as RequestPreviewModule from './request-preview'

type PreviewModule = typeof RequestPreviewModule

let loaded: PreviewModule | undefined
let pending: Promise<PreviewModule> | undefined

export function loadPreview(): Promise<PreviewModule> {
  pending ??= import('./request-preview').then((module) => (loaded = module))
  return pending
}

export function loadedPreview(): PreviewModule | undefined {
  return loaded
}
