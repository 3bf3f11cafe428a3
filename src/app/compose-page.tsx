// The workspace (decision 130): at 1200 px and wider the sidebar (presets and recent History), the
// request and the Response side by side; from 900 px the request and the Response; under 900 px
// the two panes stack into tabs. The side panes' widths are set with splitters and remembered.
import { useIsMutating } from '@tanstack/react-query'
import {
  lazy,
  memo,
  Suspense,
  useDeferredValue,
  useState,
  type CSSProperties,
  type KeyboardEvent,
} from 'react'
import { clampWidth, Splitter } from '../components/splitter'
import { SEND_MUTATION_KEY } from '../data/send/use-send-request'
import { ComposeView } from '../features/compose/compose-view'
import { ResponsePanel } from '../features/response/response-panel'
import { readUiPrefs, writeUiPrefs } from '../lib/ui-prefs'
import { useMediaQuery, useViewportWidth } from '../lib/use-media-query'
import { COMPOSE_SECTIONS } from './compose-tabs'

// The form, its preview and Send are the first paint. Presets, the sidebar and the request
// pane's other tabs are separate chunks, fetched after, so the first load stays near the floor.
// Memoized: it gets the composer's live request and need not re-render on every keystroke.
const SavePresetButton = memo(
  lazy(() =>
    import('../features/presets/save-preset-dialog').then((m) => ({ default: m.SavePresetButton })),
  ),
)
const WorkspaceSidebar = lazy(() =>
  import('../features/sidebar/workspace-sidebar').then((m) => ({ default: m.WorkspaceSidebar })),
)

export const WIDE_LAYOUT = '(min-width: 1200px)'
export const STACKED_LAYOUT = '(max-width: 899.98px)'
const SIDEBAR = { min: 180, max: 480 }
const RESPONSE_MIN = 280
/** The request pane never gets narrower than this when a splitter widens a side pane. */
const REQUEST_MIN = 380

type Pane = 'request' | 'response'

export function ComposePage() {
  // The sidebar and the Response have nothing to show before the form: they follow its first render.
  const complete = useDeferredValue(true, false)
  const wide = useMediaQuery(WIDE_LAYOUT)
  const stacked = useMediaQuery(STACKED_LAYOUT)
  const viewport = useViewportWidth()
  const [widths, setWidths] = useState(() => {
    const { sidebarWidth, responseWidth } = readUiPrefs()
    return { sidebarWidth, responseWidth }
  })
  const [pane, setPane] = useState<Pane>('request')

  // Stacked, a Send shows its answer: the Response tab comes forward.
  const sending = useIsMutating({ mutationKey: SEND_MUTATION_KEY }) > 0
  const [wasSending, setWasSending] = useState(sending)
  if (sending !== wasSending) {
    setWasSending(sending)
    if (sending && stacked) setPane('response')
  }

  const sidebar = wide ? widths.sidebarWidth : 0
  const sidebarMax = Math.max(
    SIDEBAR.min,
    Math.min(SIDEBAR.max, viewport - widths.responseWidth - REQUEST_MIN),
  )
  const responseMax = Math.max(RESPONSE_MIN, viewport - sidebar - REQUEST_MIN - 48)
  const sidebarWidth = clampWidth(widths.sidebarWidth, SIDEBAR.min, sidebarMax)
  const responseWidth = clampWidth(widths.responseWidth, RESPONSE_MIN, responseMax)
  const style = {
    '--sidebar-width': `${sidebarWidth}px`,
    '--response-width': `${responseWidth}px`,
  } as CSSProperties

  const layout = stacked ? 'stacked' : wide ? 'wide' : 'split'
  return (
    <div className="workspace" data-layout={layout} style={style}>
      {stacked ? <PaneTabs pane={pane} onPane={setPane} /> : null}
      {wide ? (
        <>
          <aside id="workspace-sidebar" className="workspace-pane" aria-label="Presets and History">
            {complete ? (
              <Suspense fallback={null}>
                <WorkspaceSidebar />
              </Suspense>
            ) : null}
          </aside>
          <Splitter
            label="Resize the sidebar"
            controls="workspace-sidebar"
            value={sidebarWidth}
            min={SIDEBAR.min}
            max={sidebarMax}
            direction={1}
            onChange={(width) => setWidths((w) => ({ ...w, sidebarWidth: width }))}
            onCommit={(width) => writeUiPrefs({ sidebarWidth: width })}
          />
        </>
      ) : null}
      <div
        id="workspace-request"
        className="workspace-pane workspace-request"
        {...(stacked
          ? { role: 'tabpanel', 'aria-labelledby': 'pane-tab-request', hidden: pane !== 'request' }
          : {})}
      >
        <ComposeView
          extraActions={(request) => (
            <Suspense fallback={null}>
              <SavePresetButton request={request} />
            </Suspense>
          )}
          sections={COMPOSE_SECTIONS}
        />
      </div>
      {stacked ? null : (
        <Splitter
          label="Resize the Response"
          controls="workspace-response"
          value={responseWidth}
          min={RESPONSE_MIN}
          max={responseMax}
          direction={-1}
          onChange={(width) => setWidths((w) => ({ ...w, responseWidth: width }))}
          onCommit={(width) => writeUiPrefs({ responseWidth: width })}
        />
      )}
      <div
        id="workspace-response"
        className="workspace-pane workspace-response"
        {...(stacked
          ? {
              role: 'tabpanel',
              'aria-labelledby': 'pane-tab-response',
              hidden: pane !== 'response',
            }
          : {})}
      >
        {complete ? <ResponsePanel /> : null}
      </div>
    </div>
  )
}

const PANES: ReadonlyArray<{ id: Pane; label: string }> = [
  { id: 'request', label: 'Request' },
  { id: 'response', label: 'Response' },
]

/** Under 900 px: the request and the Response as two tabs (ARIA tabs, Left/Right to switch). */
function PaneTabs({ pane, onPane }: { pane: Pane; onPane: (pane: Pane) => void }) {
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return
    event.preventDefault()
    const next: Pane =
      event.key === 'Home'
        ? 'request'
        : event.key === 'End'
          ? 'response'
          : pane === 'request'
            ? 'response'
            : 'request'
    onPane(next)
    document.getElementById(`pane-tab-${next}`)?.focus()
  }
  return (
    <div role="tablist" aria-label="Panes" className="tab-list pane-tabs" onKeyDown={onKeyDown}>
      {PANES.map(({ id, label }) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={`pane-tab-${id}`}
          aria-selected={pane === id}
          aria-controls={`workspace-${id}`}
          tabIndex={pane === id ? 0 : -1}
          className="tab"
          onClick={() => onPane(id)}
        >
          {label}
        </button>
      ))}
    </div>
  )
}
