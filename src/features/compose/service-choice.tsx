// The composer's "Service" choice: MPSD handles or Multiplayer Activity (decision 110). Apart from
// the MPA fields, which load when it is first switched to Multiplayer Activity.

import { SERVICE_LABELS } from '../../mpsd/request-kinds'

export type Service = 'mpsd' | 'mpa'

/**
 * A select, not radios: an option named "Multiplayer Activity" beside the "Activity" request type
 * would make "Activity" name two radios.
 */
export function ServiceChoice({
  service,
  onChange,
}: {
  service: Service
  onChange: (service: Service) => void
}) {
  return (
    <div className="field">
      <label htmlFor="compose-service">Service</label>
      <select
        id="compose-service"
        value={service}
        onChange={(event) => onChange(event.target.value as Service)}
      >
        {(['mpsd', 'mpa'] as const).map((s) => (
          <option key={s} value={s}>
            {SERVICE_LABELS[s]}
          </option>
        ))}
      </select>
    </div>
  )
}
