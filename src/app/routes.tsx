// The lazily loaded views. Each is a separate chunk; the one the page opens on is loaded before the
// first render (preloadRoute in main.tsx), so a bookmarked /history renders at once instead of
// showing "Loading…" and waiting out React's 300 ms Suspense reveal throttle.
import { lazy, type ComponentType } from 'react'

type ViewModule = { default: ComponentType }

const loaders = {
  '/history': () =>
    import('../features/history/history-view').then((m) => ({ default: m.HistoryView })),
  '/analysis': () =>
    import('../features/analysis/analysis-view').then((m) => ({ default: m.AnalysisView })),
  '/handles': () =>
    import('../features/handles/handles-view').then((m) => ({ default: m.HandlesView })),
  '/presets': () =>
    import('../features/presets/presets-view').then((m) => ({ default: m.PresetsView })),
  // Settings with sign-in and the roster: the sign-in panel stays out of the first load.
  '/settings': () => import('./settings-page').then((m) => ({ default: m.SettingsPage })),
  '/inbox': () => import('../features/inbox/inbox-view').then((m) => ({ default: m.InboxView })),
  '/runs': () => import('../features/runs/runs-view').then((m) => ({ default: m.RunsView })),
} satisfies Record<string, () => Promise<ViewModule>>

type RoutePath = keyof typeof loaders

const loaded: Partial<Record<RoutePath, ComponentType>> = {}

function isRoute(path: string): path is RoutePath {
  return path in loaders
}

/** Loads the view for `pathname` (if it is a lazy one); resolves even if the chunk fails. */
export async function preloadRoute(pathname: string): Promise<void> {
  if (!isRoute(pathname)) return
  try {
    loaded[pathname] = (await loaders[pathname]()).default
  } catch {
    // The lazy route below retries and its error shows in the page; nothing to do here.
  }
}

function routeView(path: RoutePath): ComponentType {
  const Lazy = lazy(loaders[path])
  function RouteView() {
    const View = loaded[path]
    return View ? <View /> : <Lazy />
  }
  RouteView.displayName = `Route(${path})`
  return RouteView
}

export const HistoryRoute = routeView('/history')
export const AnalysisRoute = routeView('/analysis')
export const HandlesRoute = routeView('/handles')
export const PresetsRoute = routeView('/presets')
export const SettingsRoute = routeView('/settings')
export const InboxRoute = routeView('/inbox')
export const RunsRoute = routeView('/runs')
