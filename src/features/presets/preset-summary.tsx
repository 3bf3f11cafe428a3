import type { SharedPreset } from '../../mpsd/preset'
import { fieldsOf, fieldsOfKind, REQUEST_FIELDS } from '../../mpsd/request-fields'
import { KIND_LABELS, KIND_SERVICE } from '../../mpsd/request-kinds'

/** The request a preset holds, as a definition list: what the user checks before saving or loading. */
export function PresetSummary({ preset }: { preset: SharedPreset }) {
  const r = preset.request
  const fields = fieldsOf(r)
  const rows: Array<[string, string]> = [
    ['Name', preset.name],
    ...(preset.description
      ? ([['Description', preset.description]] as Array<[string, string]>)
      : []),
    ...(preset.tags.length > 0
      ? ([['Tags', preset.tags.join(', ')]] as Array<[string, string]>)
      : []),
    ['Type', KIND_LABELS[r.kind]],
    // Every field of the kind, in the form's order, with the form's labels.
    ...fieldsOfKind(r.kind).map((field): [string, string] => [
      REQUEST_FIELDS[field].label,
      fields[field],
    ]),
    ...(KIND_SERVICE[r.kind] === 'mpa'
      ? []
      : ([['Contract version', String(r.contractVersion)]] as Array<[string, string]>)),
    ...(preset.xuids ? ([['XUIDs', preset.xuids.join(', ')]] as Array<[string, string]>) : []),
  ]
  return (
    <dl className="preset-summary">
      {rows
        .filter(([, v]) => v !== '')
        .map(([label, v]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd className={label === 'Name' || label === 'Description' ? undefined : 'mono'}>
              {v}
            </dd>
          </div>
        ))}
    </dl>
  )
}
