// Query factories and mutations for presets. Keys: ['presets'] > 'list' (filter) | 'team'.
// Mutations own their invalidation and return its promise; UI reactions are given at the call site.
import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { type PresetContent, type Preset } from '../../mpsd/preset'
import { redactSecrets } from '../../mpsd/redact'
import {
  createPreset,
  deletePreset,
  duplicatePreset,
  getPreset,
  listPresets,
  readAllPresets,
  replacePresetContent,
  restoreDeletedPreset,
  updatePreset,
  writePresets,
  type PresetFilter,
  type PresetPatch,
} from './preset-store'
import { resolvePlan, type ConflictChoice, type ImportPlan } from './import-plan'
import { currentSecrets } from '../settings/known-secrets'
import { fetchTeamPresets, saveTeamPreset } from './team-presets-client'

export const presetQueries = {
  all: () => ['presets'] as const,
  lists: () => [...presetQueries.all(), 'list'] as const,
  list: (filter: PresetFilter) =>
    queryOptions({
      queryKey: [...presetQueries.lists(), filter] as const,
      queryFn: () => listPresets(filter),
      networkMode: 'always',
      staleTime: Infinity,
      placeholderData: keepPreviousData,
    }),
  one: (id: string) =>
    queryOptions({
      queryKey: [...presetQueries.all(), 'one', id] as const,
      queryFn: async () => (await getPreset(id)) ?? null,
      networkMode: 'always',
    }),
  team: () =>
    queryOptions({
      queryKey: [...presetQueries.all(), 'team'] as const,
      queryFn: () => fetchTeamPresets(),
      staleTime: 30_000,
    }),
}

export function usePresetList(filter: PresetFilter) {
  return useQuery(presetQueries.list(filter))
}

/** One stored preset, or null when it is no longer stored. */
export function usePreset(id: string | undefined) {
  return useQuery({ ...presetQueries.one(id ?? ''), enabled: id !== undefined })
}

export function useTeamPresets() {
  return useQuery(presetQueries.team())
}

function useInvalidatePresets() {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: presetQueries.all() })
}

export function useCreatePreset() {
  const invalidate = useInvalidatePresets()
  return useMutation({
    mutationFn: (content: PresetContent) => createPreset(content, currentSecrets()),
    onSuccess: invalidate,
  })
}

/** "Save preset" on a loaded preset: its content replaced, same id. */
export function useReplacePreset() {
  const invalidate = useInvalidatePresets()
  return useMutation({
    mutationFn: ({ id, content }: { id: string; content: PresetContent }) =>
      replacePresetContent(id, content, currentSecrets()),
    onSuccess: invalidate,
  })
}

export function useUpdatePreset() {
  const invalidate = useInvalidatePresets()
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: PresetPatch }) => updatePreset(id, patch),
    onSuccess: invalidate,
  })
}

export function useDuplicatePreset() {
  const invalidate = useInvalidatePresets()
  return useMutation({ mutationFn: (id: string) => duplicatePreset(id), onSuccess: invalidate })
}

export function useDeletePreset() {
  const invalidate = useInvalidatePresets()
  return useMutation({ mutationFn: (id: string) => deletePreset(id), onSuccess: invalidate })
}

export function useRestorePreset() {
  const invalidate = useInvalidatePresets()
  return useMutation({
    mutationFn: (preset: Preset) => restoreDeletedPreset(preset),
    onSuccess: invalidate,
  })
}

export function useImportPresets() {
  const invalidate = useInvalidatePresets()
  return useMutation({
    mutationFn: async ({
      plan,
      choices,
    }: {
      plan: ImportPlan
      choices: Record<string, ConflictChoice>
    }) => {
      // Re-read what is stored now: another tab may have changed it while the user reviewed.
      const { presets: existing } = await readAllPresets()
      const records = resolvePlan(plan, choices, existing, currentSecrets())
      return { written: await writePresets(records), presets: records }
    },
    onSuccess: invalidate,
  })
}

export function useSaveTeamPreset() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({
      slug,
      preset,
      overwrite = false,
    }: {
      slug: string
      preset: PresetContent
      overwrite?: boolean
    }) => saveTeamPreset(slug, redactSecrets(preset, currentSecrets()).value, fetch, { overwrite }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: presetQueries.team().queryKey }),
  })
}
