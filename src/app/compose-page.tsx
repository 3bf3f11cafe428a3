// The workspace (decision 130): at 1200 px and wider the sidebar (presets and recent History), the
// request and the Response side by side; from 900 px the request and the Response; under 900 px
// the two panes stack into tabs. The side panes' widths are set with splitters and remembered.
import { useIsMutating } from '@tanstack/react-query'
import { lazy, memo, Suspense, useMemo, useState, type CSSProperties } from 'react'
import { useDraftExpectations } from '../data/drafts/draft-expectations'
import { COMPOSE_SEND_KEY } from '../data/send/use-send-request'
import { ComposeView } from '../features/compose/compose-view'
import { clampWidth, readUiPrefs, writeUiPrefs } from '../lib/ui-prefs'
import { useViewportWidth } from '../lib/use-viewport-width'
import { useFirstRenderDone } from '../lib/use-first-render-done'
import { COMPOSE_SECTIONS } from './compose-tabs'
import type { Pane } from './pane-tabs'
import type { RequestEntity } from '../mpsd/request-entity'
import { KIND_SERVICE } from '../mpsd/request-kinds'

// The form, its preview and Send are the first paint. Presets, the sidebar and the request
// pane's other tabs are separate chunks, fetched after, so the first load stays near the floor.
// Memoized: it gets the composer's live request and need not re-render on every keystroke.
const SavePresetButton = memo(
  lazy(() =>
    import('../features/presets/save-preset-dialog').then((m) => ({ default: m.SavePresetButton })),
  ),
)
// What Send would meet in the session the form names (issue 14): under the form, beside Send.
const SessionPanel = memo(
  lazy(() =>
    import('../features/sessions/session-panel').then((m) => ({ default: m.SessionPanel })),
  ),
)

/** A preset saved from Compose keeps the draft's expectations with its request. */
function SavePresetWithExpectations({ request }: { request: RequestEntity }) {
  const expect = useDraftExpectations()
  const full = useMemo(
    () => (expect.length > 0 ? { ...request, expect: [...expect] } : request),
    [request, expect],
  )
  return <SavePresetButton request={full} />
}

function belowForm(request: RequestEntity) {
  // A search query and the Multiplayer Activity calls name no session to check.
  return request.kind === 'searchQuery' || KIND_SERVICE[request.kind] === 'mpa' ? null : (
    <Suspense fallback={null}>
      <SessionPanel request={request} />
    </Suspense>
  )
}

// The Response has nothing to show before a send: its panel loads after the first render.
const ResponsePanel = lazy(() =>
  import('../features/response/response-panel').then((m) => ({ default: m.ResponsePanel })),
)
const responsePlaceholder = (
  <section className="panel" aria-label="Response">
    <h2>Response</h2>
  </section>
)
const PaneTabs = lazy(() => import('./pane-tabs').then((m) => ({ default: m.PaneTabs })))
const WorkspaceSidebar = lazy(() =>
  import('../features/sidebar/workspace-sidebar').then((m) => ({ default: m.WorkspaceSidebar })),
)

// The splitters follow the first render too (a resize can wait a moment; the first load cannot).
const Splitter = lazy(() => import('../components/splitter').then((m) => ({ default: m.Splitter })))
const splitterPlaceholder = <div className="splitter" aria-hidden="true" />

/** Three panes from this width, two from SPLIT_MIN, stacked tabs below it. */
const WIDE_MIN = 1200
const SPLIT_MIN = 900
const SIDEBAR = { min: 180, max: 480 }
const RESPONSE_MIN = 280
/** The request pane never gets narrower than this when a splitter widens a side pane. */
const REQUEST_MIN = 380

export function ComposePage() {
  // The sidebar, the Response and the splitters have nothing to show before the form: they follow
  // its first render.
  const complete = useFirstRenderDone()
  const viewport = useViewportWidth()
  const wide = viewport >= WIDE_MIN
  const stacked = viewport < SPLIT_MIN
  const [widths, setWidths] = useState(() => {
    const { sidebarWidth, responseWidth } = readUiPrefs()
    return { sidebarWidth, responseWidth }
  })
  const [pane, setPane] = useState<Pane>('request')

  // Stacked, a Send shows its answer: the Response tab comes forward.
  const sending = useIsMutating({ mutationKey: COMPOSE_SEND_KEY }) > 0
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
      {stacked && complete ? (
        <Suspense fallback={null}>
          <PaneTabs pane={pane} onPane={setPane} />
        </Suspense>
      ) : null}
      {wide ? (
        <>
          <aside id="workspace-sidebar" className="workspace-pane" aria-label="Presets and History">
            {complete ? (
              <Suspense fallback={null}>
                <WorkspaceSidebar />
              </Suspense>
            ) : null}
          </aside>
          {complete ? (
            <Suspense fallback={splitterPlaceholder}>
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
            </Suspense>
          ) : (
            splitterPlaceholder
          )}
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
              <SavePresetWithExpectations request={request} />
            </Suspense>
          )}
          belowForm={belowForm}
          sections={COMPOSE_SECTIONS}
        />
      </div>
      {stacked ? null : complete ? (
        <Suspense fallback={splitterPlaceholder}>
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
        </Suspense>
      ) : (
        splitterPlaceholder
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
        {complete ? (
          <Suspense fallback={responsePlaceholder}>
            <ResponsePanel />
          </Suspense>
        ) : (
          responsePlaceholder
        )}
      </div>
    </div>
  )
}
