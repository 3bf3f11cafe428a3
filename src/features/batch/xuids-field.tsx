// The XUID list: typed or pasted (one a line or comma-separated), or appended from a CSV file, with
// each invalid or duplicate value named by line.
import { useId, type ChangeEvent } from 'react'
import type { ParsedXuids } from '../../data/batch/parse-xuids'
import { Alert } from '../../components/alert'

export function XuidsField({
  text,
  onText,
  parsed,
  fileError,
  onFile,
}: {
  text: string
  onText: (text: string) => void
  parsed: ParsedXuids
  fileError: string | undefined
  onFile: (event: ChangeEvent<HTMLInputElement>) => void
}) {
  const ids = useId()
  const problems = [...parsed.invalid, ...parsed.duplicates].sort((a, b) => a.line - b.line)
  const summaryId = `${ids}-summary`
  const problemsId = `${ids}-problems`
  return (
    <>
      <div className="field">
        <label htmlFor={`${ids}-xuids`}>Invited XUIDs</label>
        <textarea
          id={`${ids}-xuids`}
          rows={6}
          value={text}
          onChange={(e) => onText(e.target.value)}
          aria-invalid={parsed.invalid.length > 0 || parsed.truncated ? 'true' : 'false'}
          aria-describedby={`${summaryId}${problems.length > 0 ? ` ${problemsId}` : ''}`}
          spellCheck={false}
          autoComplete="off"
          placeholder={'2533274790000001\n2533274790000002, 2533274790000003'}
        />
        <div id={summaryId} className="field-hint">
          One a line, or separated by commas. {parsed.valid.length} to invite
          {parsed.invalid.length > 0 ? `, ${parsed.invalid.length} invalid` : ''}
          {parsed.duplicates.length > 0 ? `, ${parsed.duplicates.length} duplicate` : ''}
          {parsed.truncated ? ' (cut at 10,000 values)' : ''}.
        </div>
        {problems.length > 0 ? (
          <ul id={problemsId} className="field-error batch-problems" aria-label="XUID problems">
            {problems.slice(0, 50).map((p) => (
              <li key={`${p.line}-${p.raw}`}>
                Line {p.line}: “{p.raw}” —{' '}
                {p.kind === 'invalid' ? p.reason : `duplicate of line ${p.firstLine}, sent once`}
              </li>
            ))}
            {problems.length > 50 ? <li>…and {problems.length - 50} more</li> : null}
          </ul>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${ids}-csv`}>XUIDs from a CSV file</label>
        <input
          id={`${ids}-csv`}
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          onChange={onFile}
        />
        {fileError ? <Alert>{fileError}</Alert> : null}
      </div>
    </>
  )
}
