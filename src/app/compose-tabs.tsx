// The request pane's tabs after the form's own "Fields": one line each (label, the request kinds
// it is for, and its lazily loaded panel). Other features' panels (a session panel, expectations…)
// are added here; each is a separate chunk, fetched when its tab is first opened.
import { lazy, Suspense, type ComponentType } from 'react'
import type { ComposeSection } from '../features/compose/compose-form'
import type { RequestEntity } from '../mpsd/request-entity'

type PanelProps = { request: RequestEntity }

type ComposeTab = {
  id: string
  label: string
  /** The request kinds it is shown for; every kind when absent. */
  when?: (kind: RequestEntity['kind']) => boolean
  Panel: ComponentType<PanelProps>
}

export const COMPOSE_TABS: readonly ComposeTab[] = [
  {
    id: 'batch',
    label: 'Batch invites',
    when: (kind) => kind === 'invite',
    Panel: lazy(() =>
      import('../features/batch/batch-panel').then((m) => ({
        default: ({ request }: PanelProps) =>
          request.kind === 'invite' ? <m.BatchPanel request={request} /> : null,
      })),
    ),
  },
  {
    id: 'activity',
    label: 'Activity tools',
    Panel: lazy(() =>
      import('../features/activity/activity-tools-panel').then((m) => ({
        default: m.ActivityToolsPanel,
      })),
    ),
  },
]

export const COMPOSE_SECTIONS: readonly ComposeSection[] = COMPOSE_TABS.map(
  ({ id, label, when, Panel }) => ({
    id,
    label,
    ...(when ? { when } : {}),
    render: (request: RequestEntity) => (
      <Suspense fallback={<p role="status">Loading…</p>}>
        <Panel request={request} />
      </Suspense>
    ),
  }),
)
