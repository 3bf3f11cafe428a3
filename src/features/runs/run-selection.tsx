// What a run sends: presets picked by hand, by tag or by folder (your presets, the team folder),
// in the order listed. Selection is by id, so renaming a preset does not lose it.
import { useMemo } from 'react'
import type { Preset } from '../../mpsd/preset'

export type PresetSource = { preset: Preset; folder: 'mine' | 'team' }

type Props = {
  available: readonly PresetSource[]
  selected: ReadonlySet<string>
  onChange: (selected: Set<string>) => void
}

export function RunSelection({ available, selected, onChange }: Props) {
  const tags = useMemo(
    () => [...new Set(available.flatMap((s) => s.preset.tags))].sort(),
    [available],
  )
  const pick = (match: (source: PresetSource) => boolean) =>
    onChange(new Set([...selected, ...available.filter(match).map((s) => s.preset.id)]))
  return (
    <fieldset className="run-selection">
      <legend>Presets</legend>
      {available.length === 0 ? (
        <p className="muted">No presets yet: save one from Compose, or import a presets file.</p>
      ) : null}
      <div className="button-row">
        <label>
          Select by tag
          <select
            value=""
            onChange={(e) => {
              const tag = e.target.value
              if (tag) pick((s) => s.preset.tags.includes(tag))
            }}
          >
            <option value="">Choose a tag…</option>
            {tags.map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => pick((s) => s.folder === 'mine')}>
          Select my presets
        </button>
        <button type="button" onClick={() => pick((s) => s.folder === 'team')}>
          Select team folder
        </button>
        <button type="button" onClick={() => onChange(new Set())} disabled={selected.size === 0}>
          Clear selection
        </button>
      </div>
      <ul className="run-preset-list">
        {available.map(({ preset, folder }) => (
          <li key={preset.id}>
            <label>
              <input
                type="checkbox"
                checked={selected.has(preset.id)}
                onChange={(e) => {
                  const next = new Set(selected)
                  if (e.target.checked) next.add(preset.id)
                  else next.delete(preset.id)
                  onChange(next)
                }}
              />{' '}
              {preset.name}
            </label>{' '}
            <span className="muted">
              {preset.request.kind}
              {folder === 'team' ? ' · team folder' : ''}
              {preset.tags.length > 0 ? ` · ${preset.tags.join(', ')}` : ''}
              {preset.request.expect?.length
                ? ` · ${preset.request.expect.length} expectation${preset.request.expect.length === 1 ? '' : 's'}`
                : ''}
            </span>
          </li>
        ))}
      </ul>
      <p role="status">
        {selected.size} preset{selected.size === 1 ? '' : 's'} selected
      </p>
    </fieldset>
  )
}
