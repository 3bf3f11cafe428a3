import type { SharedPreset } from '../../mpsd/preset'

/** The request a preset holds, as a definition list: what the user checks before saving or loading. */
export function PresetSummary({ preset }: { preset: SharedPreset }) {
  const r = preset.request
  const rows: Array<[string, string]> = [
    ['Name', preset.name],
    ...(preset.description
      ? ([['Description', preset.description]] as Array<[string, string]>)
      : []),
    ...(preset.tags.length > 0
      ? ([['Tags', preset.tags.join(', ')]] as Array<[string, string]>)
      : []),
    ['Type', r.kind],
    ['SCID', r.sessionRef.scid],
    ['Template name', r.sessionRef.templateName],
    ['Session name', r.sessionRef.name],
    ...(r.kind === 'invite'
      ? ([
          ['Invited XUID', r.invite.invitedXuid],
          ['Title ID', r.invite.titleId],
          ['Context', r.invite.context],
          ['Context string', r.invite.contextString],
          ['Sender string', r.invite.senderString],
        ] as Array<[string, string]>)
      : []),
    ['Contract version', String(r.contractVersion)],
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
