// The pacing fields as typed (strings), MPSD's budgets by default, read back into budgets with the
// fields that are not positive numbers (calls: whole numbers) marked.
import { isValidBudget, MPSD_BUDGETS, type Budget } from '../../mpsd/token-bucket'

export type BudgetFields = {
  burstLimit: string
  burstSeconds: string
  sustainLimit: string
  sustainSeconds: string
}

export const BUDGET_FIELD_LABELS: Array<[keyof BudgetFields, string]> = [
  ['burstLimit', 'Burst calls'],
  ['burstSeconds', 'Burst window (s)'],
  ['sustainLimit', 'Sustain calls'],
  ['sustainSeconds', 'Sustain window (s)'],
]

export const DEFAULT_FIELDS: BudgetFields = {
  burstLimit: String(MPSD_BUDGETS[0]?.limit ?? 30),
  burstSeconds: String((MPSD_BUDGETS[0]?.windowMs ?? 15_000) / 1000),
  sustainLimit: String(MPSD_BUDGETS[1]?.limit ?? 300),
  sustainSeconds: String((MPSD_BUDGETS[1]?.windowMs ?? 300_000) / 1000),
}

export function budgetsFrom(fields: BudgetFields): {
  budgets: Budget[]
  invalid: Array<keyof BudgetFields>
} {
  const invalid: Array<keyof BudgetFields> = []
  const num = (key: keyof BudgetFields) => {
    const n = Number(fields[key])
    if (
      !/^\d+(\.\d+)?$/.test(fields[key].trim()) ||
      !(n > 0) ||
      (key.endsWith('Limit') && !Number.isInteger(n))
    )
      invalid.push(key)
    return n
  }
  const budgets = [
    { limit: num('burstLimit'), windowMs: num('burstSeconds') * 1000 },
    { limit: num('sustainLimit'), windowMs: num('sustainSeconds') * 1000 },
  ]
  return { budgets: budgets.filter(isValidBudget), invalid }
}
