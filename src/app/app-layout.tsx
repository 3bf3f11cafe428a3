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
  SettingsRoute,
} from './routes'
import { Alert } from '../components/alert'
import { useCommand } from '../lib/commands'
import { NAV } from './nav'
import { describeKeys, SHORTCUTS } from './shortcuts'
import { ThemeSelect } from './theme-select'
import { useShortcuts } from './use-shortcuts'

// Compose is the first view and ships in the main chunk; every other view loads on demand.

// Act as needs the roster and sign-ins from the server anyway: it loads right after the first paint.
const ActAsMenu = lazy(() =>
  import('../features/identities/act-as-menu').then((m) => ({ default: m.ActAsMenu })),
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

// The command palette and the shortcut list load on their first use (Ctrl/Cmd+K, "?").
const PaletteHost = lazy(() => import('./palette-host').then((m) => ({ default: m.PaletteHost })))
const ShortcutsDialog = lazy(() =>
  import('./shortcuts-dialog').then((m) => ({ default: m.ShortcutsDialog })),
)

const PALETTE_SHORTCUT = SHORTCUTS.find((s) => s.command === 'open-palette') ?? SHORTCUTS[0]!

/** A dialog mounted on its first opening and kept (closing and reopening is instant). */
function useOnDemandDialog() {
  const [open, setOpen] = useState(false)
  const [mounted, setMounted] = useState(false)
  return {
    open,
    mounted,
    show: () => {
      setMounted(true)
      setOpen(true)
    },
    close: () => setOpen(false),
  }
}

export function AppLayout() {
  const [location] = useLocation()
  useCrossTabSync()
  useShortcuts()
  const palette = useOnDemandDialog()
  const shortcuts = useOnDemandDialog()
  useCommand('open-palette', palette.show)
  useCommand('show-shortcuts', shortcuts.show)
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
          {/* The Environment menu (branch environments) goes here, before Theme. */}
          <ThemeSelect />
          <button
            type="button"
            className="palette-button"
            onClick={palette.show}
            aria-keyshortcuts="Control+K Meta+K"
          >
            Go to… <kbd>{describeKeys(PALETTE_SHORTCUT)}</kbd>
          </button>
          <Suspense fallback={<div className="act-as" aria-hidden="true" />}>
            <ActAsMenu />
          </Suspense>
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
            <Route>
              <Alert variant="inline">
                No such page. <Link href="/">Go to Compose</Link>
              </Alert>
            </Route>
          </Switch>
        </Suspense>
      </main>
      <SharedPresetGate />
      <Suspense fallback={null}>
        {palette.mounted ? <PaletteHost open={palette.open} onClose={palette.close} /> : null}
        {shortcuts.mounted ? (
          <ShortcutsDialog open={shortcuts.open} onClose={shortcuts.close} />
        ) : null}
      </Suspense>
    </div>
  )
}
