// A run, planned: which requests go out, in which order, with which variables. Shared by the Runs
// view and the CLI's `run`, so both send the same requests for the same presets and data file.
//
// Iterations: one per data row (CSV), or one without a data file. In each, the presets go in the
// order given; a preset whose invite has no XUID but a list of them is one request per XUID, as
// its exports are. Variables: the environment's, then the row's over them (Postman's order: data
// variables win). Nothing is sent when any request of any iteration has a problem: an unknown
// variable, a field MPSD would refuse, an expectation that cannot be checked. Every problem names
// the iteration, the preset and the field.
import { expectationIssues } from '../expectations'
import { CONTRACT_VERSION } from '../limits'
import type { WireRequest } from '../request-builder'
import type { RequestEntity } from '../request-entity'
import { fieldPath } from '../request-fields'
import type { RequestKind } from '../request-kinds'
import { requestIssues } from '../request-validate'
import { toWire } from '../to-wire'
import { resolveRequest, resolveText, type Variables } from '../variables'

/** A preset as a run takes it: wherever it came from (the store, the team folder, a file). */
export type RunPreset = {
  id: string
  name: string
  request: RequestEntity
  xuids?: readonly string[]
}

/** The service a request goes to: each has its own budget (MPSD's per user). */
export type RunService = 'mpsd' | 'mpa'

export function serviceOf(kind: RequestKind): RunService {
  // Every kind of this build is MPSD's; KIND_SERVICE (request-kinds.ts) says so once MPA's exist.
  return ((kind as string).startsWith('mpa') ? 'mpa' : 'mpsd') as RunService
}

export type RunStep = {
  /** Position in the whole run, 0-based. */
  index: number
  /** 0-based iteration (data row); 0 without a data file. */
  iteration: number
  presetId: string
  presetName: string
  /** The preset's name, and the XUID when the preset is sent once per XUID. */
  label: string
  service: RunService
  /** The request with every variable resolved: what is sent, recorded and checked. */
  request: RequestEntity
  wire: WireRequest
}

export type RunProblem = {
  /** 0-based iteration, when the problem comes from a row's variables. */
  iteration: number
  /** 1-based position of the preset in the selection. */
  item: number
  presetName: string
  /** Entity path: `sessionRef.scid`, `expect.0.value`. */
  path?: string
  message: string
}

export type RunInput = {
  presets: readonly RunPreset[]
  environment?: Variables
  /** The data file's rows; none (or empty): one iteration. */
  rows?: ReadonlyArray<Variables>
}

export type RunPlan = { steps: RunStep[]; problems: RunProblem[]; iterations: number }

function requestsOf(preset: RunPreset): Array<{ request: RequestEntity; label: string }> {
  const { request } = preset
  const xuids = preset.xuids ?? []
  if (request.kind !== 'invite' || request.invite.invitedXuid.trim() !== '' || xuids.length === 0)
    return [{ request, label: preset.name }]
  return xuids.map((xuid) => ({
    request: { ...request, invite: { ...request.invite, invitedXuid: xuid } },
    label: `${preset.name} → ${xuid}`,
  }))
}

export function planRun(input: RunInput): RunPlan {
  const rows = input.rows && input.rows.length > 0 ? input.rows : [{}]
  const steps: RunStep[] = []
  const problems: RunProblem[] = []
  rows.forEach((row, iteration) => {
    const vars: Variables = { ...input.environment, ...row }
    input.presets.forEach((preset, position) => {
      const base = { iteration, item: position + 1, presetName: preset.name }
      for (const { request: raw, label: named } of requestsOf(preset)) {
        // A name may use the row's variables too ("Invite {{xuid}}"): a label, never a problem.
        const label = resolveText(named, vars).text
        const resolved = resolveRequest(raw, vars)
        const request = resolved.request
        const before = problems.length
        for (const problem of resolved.problems)
          problems.push({ ...base, path: problem.path, message: problem.message })
        // A field with an unresolved variable already has its problem.
        const unresolved = new Set(resolved.problems.map((p) => p.path))
        for (const issue of requestIssues(request)) {
          const path = fieldPath(issue.field)
          if (!unresolved.has(path)) problems.push({ ...base, path, message: issue.message })
        }
        ;(request.expect ?? []).forEach((expectation, n) => {
          for (const issue of expectationIssues(expectation)) {
            const path = `expect.${n}.${issue.field}`
            if (!unresolved.has(path)) problems.push({ ...base, path, message: issue.message })
          }
        })
        if (problems.length > before) continue
        steps.push({
          index: steps.length,
          iteration,
          presetId: preset.id,
          presetName: preset.name,
          label,
          service: serviceOf(request.kind),
          request,
          wire: toWire(request, { contractVersion: request.contractVersion ?? CONTRACT_VERSION }),
        })
      }
    })
  })
  return { steps, problems, iterations: rows.length }
}

export function describeRunProblem(problem: RunProblem, iterations: number): string {
  const where = [
    iterations > 1 ? `row ${problem.iteration + 1}` : undefined,
    `preset ${problem.item} “${problem.presetName}”`,
    problem.path ? `field ${problem.path}` : undefined,
  ].filter(Boolean)
  return `${where.join(', ')}: ${problem.message}`
}
