type ChoiceSelectProps<T extends string> = {
  label: string
  value: T | ''
  /** Value and visible text of each choice; "All" (the empty value) comes first. */
  options: ReadonlyArray<readonly [T, string]>
  onChange: (value: T | '') => void
}

/** A labelled select of one choice or "All", as the History and Analysis filters use. */
export function ChoiceSelect<T extends string>({
  label,
  value,
  options,
  onChange,
}: ChoiceSelectProps<T>) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value as T | '')}>
        <option value="">All</option>
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </label>
  )
}
