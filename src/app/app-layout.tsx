import { lazy, Suspense, useEffect, useState } from 'react'
import { Link, Route, Switch, useLocation } from 'wouter'
import { useCrossTabSync } from '../data/sync/changes-channel'
import { ComposePage } from './compose-page'
import {
  AnalysisRoute,
  HandlesRoute,
  HistoryRoute,
  InboxRoute,
  PresetsRoute,
  preloadRoute,
  RunsRoute,
  SettingsRoute,
} from './routes'
import { Alert } from '../components/alert'
import { NAV } from './nav'
import { useShortcuts } from './use-shortcuts'
import { useFirstRenderDone } from '../lib/use-first-render-done'

// Compose is the first view and ships in the main chunk; every other view loads on demand.

// Act as needs the roster and sign-ins from the server anyway: it loads right after the first paint.
const ActAsMenu = lazy(() =>
  import('../features/identities/act-as-menu').then((m) => ({ default: m.ActAsMenu })),
)

const EnvironmentMenu = lazy(() =>
  import('../features/environments/environment-menu').then((m) => ({ default: m.EnvironmentMenu })),
)

// A share link's opener (and its decompression and preset schema) loads only for `#preset=` links.
const ShareLinkOpener = lazy(() =>
  import('../features/presets/share-link-opener').then((m) => ({ default: m.ShareLinkOpener })),
)

function hasSharedPreset(): boolean {
  return window.location.hash.startsWith('#preset=')
}

/** Mounts the opener once a `#preset=` fragment appears (at load or pasted into this tab later). */
function SharedPresetGate() {
  const [active, setActive] = useState(hasSharedPreset)
  useEffect(() => {
    if (active) return undefined
    const onHash = () => setActive(hasSharedPreset())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [active])
  return active ? (
    <Suspense fallback={null}>
      <ShareLinkOpener />
    </Suspense>
  ) : null
}

// Theme, "Go to…", the shortcuts and their dialogs: right after the first paint (the theme itself
// was set before it by public/theme-init.js), so the first load stays within its budget.
const WorkspaceTools = lazy(() =>
  import('./workspace-tools').then((m) => ({ default: m.WorkspaceTools })),
)

export function AppLayout() {
  // Listening from the first render: a shortcut pressed before the top bar's tools have loaded
  // (seen on a busy machine: over a second) must not be lost.
  useShortcuts()
  const [location] = useLocation()
  useCrossTabSync()
  // The top bar's tools follow the first render: their chunks are not what the user waits for.
  const tools = useFirstRenderDone()
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">Handles Workbench</h1>
        <nav aria-label="Main">
          <ul className="nav-list">
            {NAV.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={location === item.href ? 'page' : undefined}
                  // Start fetching a view's chunk when the pointer or focus is on its link.
                  onPointerEnter={() => void preloadRoute(item.href)}
                  onFocus={() => void preloadRoute(item.href)}
                  className="nav-link"
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-tools">
          {tools ? (
            <>
              <Suspense fallback={<div className="environment-menu" aria-hidden="true" />}>
                <EnvironmentMenu />
              </Suspense>
              <Suspense fallback={<div className="workspace-tools" aria-hidden="true" />}>
                <WorkspaceTools />
              </Suspense>
              <Suspense fallback={<div className="act-as" aria-hidden="true" />}>
                <ActAsMenu />
              </Suspense>
            </>
          ) : (
            <>
              <div className="environment-menu" aria-hidden="true" />
              <div className="workspace-tools" aria-hidden="true" />
              <div className="act-as" aria-hidden="true" />
            </>
          )}
        </div>
      </header>
      <main className="app-main">
        <Suspense fallback={<p role="status">Loading…</p>}>
          <Switch>
            <Route path="/" component={ComposePage} />
            <Route path="/compose" component={ComposePage} />
            <Route path="/history" component={HistoryRoute} />
            <Route path="/analysis" component={AnalysisRoute} />
            <Route path="/handles" component={HandlesRoute} />
            <Route path="/presets" component={PresetsRoute} />
            <Route path="/settings" component={SettingsRoute} />
            <Route path="/inbox" component={InboxRoute} />
            <Route path="/runs" component={RunsRoute} />
            <Route>
              <Alert variant="inline">
                No such page. <Link href="/">Go to Compose</Link>
              </Alert>
            </Route>
          </Switch>
        </Suspense>
      </main>
      <SharedPresetGate />
    </div>
  )
}
