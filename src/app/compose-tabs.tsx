// The request pane's tabs after the form's own "Fields": one line each (label, the request kinds
// it is for, and its lazily loaded panel). Other features' panels (a session panel, expectations…)
// are added here; each is a separate chunk, fetched when its tab is first opened.
import { lazy, Suspense, type ComponentType } from 'react'
import type { ComposeSection } from '../features/compose/compose-form'
import type { RequestEntity } from '../mpsd/request-entity'
import { KIND_SERVICE } from '../mpsd/request-kinds'

type PanelProps = { request: RequestEntity }

type ComposeTab = {
  id: string
  label: string
  /** The request kinds it is shown for; every kind when absent. */
  when?: (kind: RequestEntity['kind']) => boolean
  /** Brings the tab forward when the pane opens, if it resolves to true. */
  opensWhen?: () => Promise<boolean>
  Panel: ComponentType<PanelProps>
}

const isMpa = (kind: RequestEntity['kind']) => KIND_SERVICE[kind] === 'mpa'

export const COMPOSE_TABS: readonly ComposeTab[] = [
  {
    id: 'expect',
    label: 'Expect',
    // The section edits the draft's expectations itself: it needs no request.
    Panel: lazy(() =>
      import('../features/expect/expect-section').then((m) => ({
        default: () => <m.ExpectSection />,
      })),
    ),
  },
  {
    id: 'batch',
    label: 'Batch invites',
    when: (kind) => kind === 'invite' || kind === 'mpaSendInvites',
    // A run waiting to be resumed (paused, or stopped by a reload) is shown at once: no batch
    // starts until it is resumed or discarded.
    opensWhen: async () => {
      const [{ listBatchRuns }, { isResumable }] = await Promise.all([
        import('../data/batch/batch-store'),
        import('../data/batch/batch-run'),
      ])
      return (await listBatchRuns()).some(isResumable)
    },
    Panel: lazy(() =>
      Promise.all([
        import('../features/batch/batch-panel'),
        import('../features/batch/mpa-batch-panel'),
      ]).then(([mpsd, mpa]) => ({
        default: ({ request }: PanelProps) =>
          request.kind === 'invite' ? (
            <mpsd.BatchPanel request={request} />
          ) : request.kind === 'mpaSendInvites' ? (
            <mpa.MpaBatchPanel request={request} />
          ) : null,
      })),
    ),
  },
  {
    id: 'activity',
    label: 'Activity tools',
    Panel: lazy(() =>
      Promise.all([
        import('../features/activity/activity-tools-panel'),
        import('../features/activity/mpa-activity-tools-panel'),
      ]).then(([mpsd, mpa]) => ({
        default: ({ request }: PanelProps) =>
          isMpa(request.kind) ? (
            <mpa.MpaActivityToolsPanel request={request} />
          ) : (
            <mpsd.ActivityToolsPanel request={request} />
          ),
      })),
    ),
  },
]

export const COMPOSE_SECTIONS: readonly ComposeSection[] = COMPOSE_TABS.map(
  ({ id, label, when, opensWhen, Panel }) => ({
    id,
    label,
    ...(when ? { when } : {}),
    ...(opensWhen ? { opensWhen } : {}),
    render: (request: RequestEntity) => (
      <Suspense fallback={<p role="status">Loading…</p>}>
        <Panel request={request} />
      </Suspense>
    ),
  }),
)
