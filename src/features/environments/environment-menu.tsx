// "Environment" in the top bar (decision 131): which environment `{{variables}}` resolve against,
// or none. Loaded after the first paint, like Act as; managing environments is in Settings.
import { Link } from 'wouter'
import {
  useEnvironments,
  useSetActiveEnvironment,
} from '../../data/environments/environment-queries'
import { useSettings } from '../../data/settings/settings-queries'

export function EnvironmentMenu() {
  const { activeEnvironmentId } = useSettings()
  const environments = useEnvironments().data
  const setActive = useSetActiveEnvironment()
  // A deleted (or not yet read) environment reads as none: nothing resolves against it.
  const selected = environments?.some((env) => env.id === activeEnvironmentId)
    ? activeEnvironmentId
    : ''
  return (
    <div className="environment-menu">
      <label htmlFor="environment-menu">Environment</label>{' '}
      <select
        id="environment-menu"
        value={selected}
        onChange={(event) => setActive(event.target.value)}
      >
        <option value="">No environment</option>
        {(environments ?? []).map((env) => (
          <option key={env.id} value={env.id}>
            {env.name}
          </option>
        ))}
      </select>{' '}
      <Link href="/settings#environments" className="nav-link">
        Manage…
      </Link>
    </div>
  )
}
