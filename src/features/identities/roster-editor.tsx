// Settings → Simulated players: the simulator's roster (decision 022). The first player sends by
// default; the server checks the roster (XUIDs and userhashes unique) and says what is wrong.
import { useState } from 'react'
import { Alert } from '../../components/alert'
import { useSaveSimPlayers, useSimPlayers } from '../../data/identities/players-queries'
import { simRosterSchema } from '../../mpsd/sim-players'
import { type SimPlayer } from '../../mpsd/default-sim-players'

export function RosterEditor() {
  const roster = useSimPlayers()
  const save = useSaveSimPlayers()
  const [draft, setDraft] = useState<SimPlayer[] | undefined>()
  const players = draft ?? roster.data ?? []
  const parsed = simRosterSchema.safeParse(players)
  const issue = parsed.success ? undefined : parsed.error.issues[0]
  const problem = issue
    ? `${typeof issue.path[0] === 'number' ? `Player ${issue.path[0] + 1}: ` : ''}${issue.message}`
    : undefined
  const edit = (index: number, field: keyof SimPlayer, value: string) =>
    setDraft(players.map((p, i) => (i === index ? { ...p, [field]: value } : p)))
  return (
    <form
      noValidate
      aria-labelledby="roster-heading"
      onSubmit={(event) => {
        event.preventDefault()
        if (parsed.success) save.mutate(parsed.data, { onSuccess: () => setDraft(undefined) })
      }}
    >
      <h3 id="roster-heading">Simulated players</h3>
      <p className="muted">
        Who you can act as in the simulator. The first player sends by default; the server signs for
        them, no token needed.
      </p>
      <table aria-label="Simulated players">
        <thead>
          <tr>
            <th>Gamertag</th>
            <th>XUID</th>
            <th>Userhash</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {players.map((player, index) => (
            <tr key={index}>
              {(['gamertag', 'xuid', 'userhash'] as const).map((field) => (
                <td key={field}>
                  <input
                    aria-label={`Player ${index + 1} ${field === 'xuid' ? 'XUID' : field}`}
                    value={player[field]}
                    aria-invalid={
                      issue?.path[0] === index && issue.path[1] === field ? 'true' : 'false'
                    }
                    onChange={(event) => edit(index, field, event.target.value)}
                  />
                </td>
              ))}
              <td>
                <button
                  type="button"
                  onClick={() => setDraft(players.filter((_, i) => i !== index))}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {problem && draft ? <Alert variant="inline">{problem}</Alert> : null}
      <div className="button-row">
        <button
          type="button"
          onClick={() => setDraft([...players, { gamertag: '', xuid: '', userhash: '' }])}
        >
          Add player
        </button>
        <button type="submit" disabled={!draft || !parsed.success || save.isPending}>
          Save players
        </button>
        <span role="status">
          {draft ? 'Unsaved changes.' : save.isSuccess ? 'Players saved.' : ''}
        </span>
      </div>
      {save.isError ? <Alert>{save.error.message}</Alert> : null}
    </form>
  )
}
