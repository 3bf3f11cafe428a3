// Opens `#preset=…` links wherever the app is: shows what the link holds, and either saves it to
// the user's presets or opens it in Compose as a new draft (unsaved), then says which it did. The
// fragment is removed once the user has answered, so a reload does not ask again.
import { useEffect, useState } from 'react'
import { useLocation } from 'wouter'
import { Dialog } from '../../components/dialog'
import { useOpenInComposer } from '../../data/drafts/draft-queries'
import { draftRequestOf } from '../../data/presets/preset-draft'
import { useCreatePreset } from '../../data/presets/preset-queries'
import { openSharePayload, sharePayloadOf } from '../../data/presets/share-link'
import { describeProblem, type SharedPreset } from '../../mpsd/preset'
import { PresetSummary } from './preset-summary'
import { Alert } from '../../components/alert'

type State =
  { kind: 'idle' } | { kind: 'ready'; preset: SharedPreset } | { kind: 'error'; message: string }

function clearHash() {
  history.replaceState(history.state, '', `${location.pathname}${location.search}`)
}

export function ShareLinkOpener() {
  const [state, setState] = useState<State>({ kind: 'idle' })
  const [, navigate] = useLocation()
  const create = useCreatePreset()
  const openInComposer = useOpenInComposer()
  // What the last answer did, said after the dialog closes.
  const [done, setDone] = useState<string | undefined>()

  useEffect(() => {
    let cancelled = false
    async function check() {
      const payload = sharePayloadOf(location.hash)
      if (payload === undefined) return
      const opened = await openSharePayload(payload)
      if (cancelled) return
      setState(
        opened.ok
          ? { kind: 'ready', preset: opened.preset }
          : { kind: 'error', message: describeProblem(opened.problem) },
      )
    }
    void check()
    const onHash = () => void check()
    window.addEventListener('hashchange', onHash)
    return () => {
      cancelled = true
      window.removeEventListener('hashchange', onHash)
    }
  }, [])

  function close() {
    clearHash()
    setState({ kind: 'idle' })
    create.reset()
  }

  function open(preset: SharedPreset) {
    openInComposer.mutate(
      { request: draftRequestOf(preset), source: `the shared link “${preset.name}”` },
      {
        onSuccess: () => {
          close()
          setDone(
            `Opened the shared preset “${preset.name}” in Compose as a new draft; it is not in your presets (Save preset keeps it), and the draft you had is kept (Restore previous draft).`,
          )
        },
      },
    )
  }

  return (
    <>
      {done ? (
        <div role="status" className="notice share-link-done">
          {done}{' '}
          <button type="button" onClick={() => setDone(undefined)}>
            Dismiss
          </button>
        </div>
      ) : null}
      <Dialog open={state.kind !== 'idle'} title="Shared preset" onClose={close}>
        {state.kind === 'error' ? (
          <>
            <Alert>This share link cannot be opened. {state.message}</Alert>
            <div className="button-row">
              <button type="button" onClick={close}>
                Close
              </button>
            </div>
          </>
        ) : null}
        {state.kind === 'ready' ? (
          <>
            <p>
              Someone shared this preset with you. Save it to your presets, or open it in Compose
              without saving?
            </p>
            <PresetSummary preset={state.preset} />
            {create.isError ? (
              <Alert>The preset was not saved: {create.error.message}</Alert>
            ) : null}
            <div className="button-row">
              <button
                type="button"
                className="primary"
                disabled={create.isPending}
                onClick={() =>
                  create.mutate(state.preset, {
                    onSuccess: (saved) => {
                      close()
                      setDone(`Saved the shared preset “${saved.name}” to your presets.`)
                      navigate('/presets')
                    },
                  })
                }
              >
                Save shared preset
              </button>
              <button
                type="button"
                disabled={openInComposer.isPending}
                onClick={() => open(state.preset)}
              >
                Open in Compose
              </button>
              <button type="button" onClick={close}>
                Don’t save
              </button>
            </div>
          </>
        ) : null}
      </Dialog>
    </>
  )
}
