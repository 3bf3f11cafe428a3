// Opens `#preset=…` links wherever the app is: shows what the link holds and asks before saving.
// The fragment is removed once the user has answered, so a reload does not ask again.
import { useEffect, useState } from 'react'
import { useLocation } from 'wouter'
import { Dialog } from '../../components/dialog'
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

  return (
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
          <p>Someone shared this preset with you. Save it to your presets?</p>
          <PresetSummary preset={state.preset} />
          {create.isError ? <Alert>The preset was not saved: {create.error.message}</Alert> : null}
          <div className="button-row">
            <button
              type="button"
              className="primary"
              disabled={create.isPending}
              onClick={() =>
                create.mutate(state.preset, {
                  onSuccess: () => {
                    close()
                    navigate('/presets')
                  },
                })
              }
            >
              Save shared preset
            </button>
            <button type="button" onClick={close}>
              Don’t save
            </button>
          </div>
        </>
      ) : null}
    </Dialog>
  )
}
