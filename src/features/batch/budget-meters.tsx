// What is left of each budget now: a meter per window, as the runner's token bucket sees it.
import { useId } from 'react'
import type { BudgetLevel } from '../../mpsd/token-bucket'
import { formatDuration } from './format-duration'

export function BudgetMeters({ levels }: { levels: readonly BudgetLevel[] }) {
  const ids = useId()
  return (
    <div className="batch-meters" aria-label="Budget">
      {levels.map((level, i) => {
        const name = i === 0 ? 'Burst budget' : 'Sustain budget'
        return (
          <div key={name} className="batch-meter">
            <label htmlFor={`${ids}-meter-${i}`}>{name}</label>
            <meter
              id={`${ids}-meter-${i}`}
              min={0}
              max={level.limit}
              value={level.remaining}
              low={Math.ceil(level.limit / 5)}
              optimum={level.limit}
            />
            <span className="muted">
              {level.remaining} of {level.limit} left per {formatDuration(level.windowMs)}
            </span>
          </div>
        )
      })}
    </div>
  )
}
