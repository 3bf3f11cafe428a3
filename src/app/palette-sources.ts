// What the command palette searches: one hook per source, listed in usePaletteGroups (adding a
// source, say environments, is one more line there). Each returns a group of items that run on
// Enter: go to a view, run an action, open a preset or a History entry.
import { useQuery } from '@tanstack/react-query'
import { useLocation } from 'wouter'
import { useOpenInComposer } from '../data/drafts/draft-queries'
import { HISTORY_PAGE, historyQueries, useHistoryRows } from '../data/history/history-queries'
import { draftRequestOf } from '../data/presets/preset-draft'
import { usePresetList } from '../data/presets/preset-queries'
import type { PaletteGroup, PaletteItem } from '../features/palette/command-palette'
import { hasCommand, runCommand } from '../lib/commands'
import { NAV } from './nav'
import { describeKeys } from './describe-keys'
import { SHORTCUTS } from './shortcuts'
import { setThemeChoice, THEME_CHOICES } from './theme-select'

const SHOWN = 8

function matches(query: string, ...texts: Array<string | undefined>): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  const haystack = texts.join(' ').toLowerCase()
  return words.every((word) => haystack.includes(word))
}

function useViewItems(query: string): PaletteGroup {
  const [, navigate] = useLocation()
  const items: PaletteItem[] = NAV.filter((view) => matches(query, view.label, 'go to')).map(
    (view) => ({ id: view.href, label: view.label, run: () => navigate(view.href) }),
  )
  return { id: 'views', heading: 'Views', items }
}

function useActionItems(query: string): PaletteGroup {
  const actions: PaletteItem[] = [
    ...SHORTCUTS.filter((s) => s.command !== 'open-palette' && hasCommand(s.command)).map((s) => ({
      id: s.command,
      label: s.description,
      detail: describeKeys(s),
      // After the palette's dialog has closed, so the action's own dialog can open.
      run: () => setTimeout(() => runCommand(s.command)),
    })),
    ...THEME_CHOICES.map((choice) => ({
      id: `theme-${choice.value}`,
      label: `Theme: ${choice.label}`,
      run: () => setThemeChoice(choice.value),
    })),
  ]
  return {
    id: 'actions',
    heading: 'Actions',
    items: actions.filter((a) => matches(query, a.label)),
  }
}

function usePresetItems(query: string): PaletteGroup {
  const list = usePresetList(query ? { text: query } : {})
  const open = useOpenInComposer()
  const items = (list.data?.presets ?? []).slice(0, SHOWN).map((preset) => ({
    id: preset.id,
    label: preset.name,
    detail: `Preset, ${preset.request.kind}`,
    run: () => open.mutate({ request: draftRequestOf(preset), source: `preset “${preset.name}”` }),
  }))
  return { id: 'presets', heading: 'Presets', items }
}

function useHistoryItems(query: string): PaletteGroup {
  const [, navigate] = useLocation()
  const head = useQuery(historyQueries.head(query ? { text: query } : {}))
  const rows = useHistoryRows((head.data ?? []).slice(0, HISTORY_PAGE))
  const items = (rows.data ?? [])
    .flatMap((row) => ('entry' in row ? [row.entry] : []))
    .slice(0, SHOWN)
    .map((entry) => ({
      id: entry.id,
      label: `${entry.kind} ${entry.response?.status ?? entry.proxyError?.code ?? 'unreachable'}${
        entry.sessionName ? ` ${entry.sessionName}` : ''
      }`,
      detail: new Date(entry.startedAt).toLocaleString(),
      run: () => navigate(`/history?id=${encodeURIComponent(entry.id)}`),
    }))
  return { id: 'history', heading: 'History', items }
}

export function usePaletteGroups(query: string): PaletteGroup[] {
  return [useViewItems(query), useActionItems(query), usePresetItems(query), useHistoryItems(query)]
}
