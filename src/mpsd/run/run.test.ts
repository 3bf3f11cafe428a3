import { fieldsOf } from '../request-fields'
import { describe, expect, it } from 'vitest'
import { junitSchemaErrors } from '../../testing/junit-schema'
import type { Expectation } from '../expectations'
import type { RequestEntity } from '../request-entity'
import { toJunitXml } from './junit'
import { describeRunProblem, planRun, type RunPreset, type RunStep } from './run-plan'
import { toRunReport } from './run-report'
import { initialRunState, runSteps, type RunClock, type StepAnswer } from './run-steps'

const SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'

function invite(name: string, xuid: string, expect?: Expectation[]): RunPreset {
  const request: RequestEntity = {
    v: 1,
    kind: 'invite',
    sessionRef: { scid: '{{scid}}', templateName: 'deathmatch', name },
    invite: {
      invitedXuid: xuid,
      titleId: '1234567',
      context: '',
      contextString: '',
      senderString: '',
    },
    contractVersion: 107,
    ...(expect ? { expect } : {}),
  }
  return { id: name, name, request }
}

const fakeClock = () => {
  let now = 1_000_000
  const sleeps: number[] = []
  const clock: RunClock = {
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal.aborted) throw signal.reason
      sleeps.push(ms)
      now += ms
    },
  }
  return { clock, sleeps, advance: (ms: number) => (now += ms) }
}

const answer = (status: number, body: unknown = {}, headers: Array<[string, string]> = []) =>
  ({ status, headers, bodyText: JSON.stringify(body), durationMs: 5 }) satisfies StepAnswer

describe('planRun', () => {
  it('one iteration per data row, presets in order, row variables over the environment', () => {
    const plan = planRun({
      presets: [invite('{{session}}', '{{xuid}}'), invite('fixed', '2533274790000009')],
      environment: { scid: SCID, session: 'from-env' },
      rows: [
        { xuid: '2533274790000001', session: 'row-one' },
        { xuid: '2533274790000002', session: 'row-two' },
      ],
    })
    expect(plan.problems).toEqual([])
    expect(plan.steps.map((s) => [s.iteration, fieldsOf(s.request).sessionName])).toEqual([
      [0, 'row-one'],
      [0, 'fixed'],
      [1, 'row-two'],
      [1, 'fixed'],
    ])
    expect(JSON.parse(plan.steps[2]?.wire.body ?? '{}')).toMatchObject({
      sessionRef: { scid: SCID, name: 'row-two' },
      invitedXuid: '2533274790000002',
    })
  })

  it('sends nothing when a request has a problem, and names the row, preset and field', () => {
    const plan = planRun({
      presets: [
        invite('ok', '2533274790000001'),
        invite('bad', '{{xuid}}', [{ kind: 'statusIs', target: '', value: '2xx' }]),
      ],
      environment: { scid: SCID },
      rows: [{ xuid: '12' }, { xuid: 'not-a-number' }],
    })
    expect(plan.problems.map((p) => describeRunProblem(p, plan.iterations))).toEqual([
      'row 1, preset 2 “bad”, field expect.0.value: A status from 100 to 599, e.g. 201',
      expect.stringMatching(/^row 2, preset 2 “bad”, field invite\.invitedXuid: /),
      'row 2, preset 2 “bad”, field expect.0.value: A status from 100 to 599, e.g. 201',
    ])
    const missing = planRun({ presets: [invite('s', '1')], environment: {} })
    expect(missing.problems[0]).toMatchObject({
      path: 'sessionRef.scid',
      message: 'Variable {{scid}} is not defined in the environment',
    })
  })

  it('sends a preset once per listed XUID when its invite names none', () => {
    const preset = { ...invite('team', ''), xuids: ['2533274790000001', '2533274790000002'] }
    const plan = planRun({ presets: [preset], environment: { scid: SCID } })
    expect(plan.steps.map((s) => s.label)).toEqual([
      'team → 2533274790000001',
      'team → 2533274790000002',
    ])
  })
})

function steps(presets: RunPreset[]): RunStep[] {
  const plan = planRun({ presets, environment: { scid: SCID } })
  expect(plan.problems).toEqual([])
  return plan.steps
}

describe('runSteps', () => {
  it('checks each answer against its expectations, 2xx by default', async () => {
    const plan = steps([
      invite('a', '1'),
      invite('b', '2', [{ kind: 'jsonExists', target: '$.id', value: '' }]),
      invite('c', '3'),
    ])
    const answers = [answer(201, { id: 'h1' }), answer(201, {}), answer(400)]
    const { clock } = fakeClock()
    const state = await runSteps(plan, initialRunState(plan), {
      clock,
      send: async (step) => answers[step.index] ?? answer(500),
    })
    expect(state.status).toBe('done')
    expect(state.results.map((r) => [r.outcome, r.status])).toEqual([
      ['passed', 201],
      ['failed', 201],
      ['failed', 400],
    ])
    expect(state.results[1]?.expectations[0]?.message).toBe('$.id is not in the answer')
  })

  it('paces by the service budget, waits out a 429 and sends the same request again', async () => {
    const plan = steps(Array.from({ length: 4 }, (_, i) => invite(`s${i}`, String(i + 1))))
    const { clock, sleeps } = fakeClock()
    const sent: number[] = []
    let throttled = false
    const state = await runSteps(plan, initialRunState(plan), {
      clock,
      pacing: { mpsd: [{ limit: 2, windowMs: 1_000 }] },
      send: async (step) => {
        sent.push(step.index)
        if (step.index === 3 && !throttled) {
          throttled = true
          return answer(429, {}, [['Retry-After', '2']])
        }
        return answer(201)
      },
    })
    expect(sent).toEqual([0, 1, 2, 3, 3])
    expect(state.results.every((r) => r.outcome === 'passed')).toBe(true)
    // Two calls per second: the third waits a window (plus the bucket's margin); the 429 two seconds.
    expect(sleeps[0]).toBeGreaterThanOrEqual(1_000)
    expect(Math.max(...sleeps)).toBeGreaterThanOrEqual(2_000)
  })

  it('pauses after the call in flight and resumes where it stopped; cancel leaves the rest not run', async () => {
    const plan = steps([invite('a', '1'), invite('b', '2'), invite('c', '3')])
    const { clock } = fakeClock()
    const pause = new AbortController()
    const paused = await runSteps(plan, initialRunState(plan), {
      clock,
      signal: pause.signal,
      send: async (step) => {
        if (step.index === 0) pause.abort('pause')
        return answer(201)
      },
    })
    expect(paused.status).toBe('paused')
    expect(paused.next).toBe(1)
    const cancel = new AbortController()
    const cancelled = await runSteps(plan, paused, {
      clock,
      signal: cancel.signal,
      send: async () => {
        cancel.abort('cancel')
        return answer(201)
      },
    })
    expect(cancelled.status).toBe('cancelled')
    expect(cancelled.results.map((r) => r.outcome)).toEqual(['passed', 'passed', 'notRun'])
  })

  it('reports a call without an answer as an error', async () => {
    const plan = steps([invite('a', '1')])
    const state = await runSteps(plan, initialRunState(plan), {
      clock: fakeClock().clock,
      send: async () => ({ ...answer(0), error: 'Proxy unreachable at http://127.0.0.1:1' }),
    })
    expect(state.results[0]).toMatchObject({
      outcome: 'error',
      error: 'Proxy unreachable at http://127.0.0.1:1',
    })
  })
})

describe('reports', () => {
  it('JUnit XML that the JUnit schema accepts, with failures, errors and skipped cases', async () => {
    const plan = planRun({
      presets: [
        invite('Invite <&> "quoted"', '{{xuid}}', [{ kind: 'statusIs', target: '', value: '201' }]),
      ],
      environment: { scid: SCID },
      rows: [{ xuid: '1' }, { xuid: '2' }, { xuid: '3' }],
    }).steps
    const state = await runSteps(plan, initialRunState(plan), {
      clock: fakeClock().clock,
      send: async (step) =>
        step.index === 0
          ? answer(201)
          : step.index === 1
            ? answer(403, { message: 'bad \u0001 control' })
            : { ...answer(0), error: 'Timed out' },
    })
    const xml = toJunitXml(state, { name: 'team.json' })
    expect(await junitSchemaErrors(xml)).toEqual([])
    expect(xml).toContain('<testsuites name="team.json" tests="3" failures="1" errors="1"')
    expect(xml).toContain('name="Invite &lt;&amp;&gt; &quot;quoted&quot;"')
    expect(xml).toContain('<failure type="expectation" message="Status is 201: Got status 403">')
    expect(xml).toContain('<error type="no-answer" message="Timed out">')
    const skipped = toJunitXml(initialRunState(plan), { name: 'x' })
    expect(await junitSchemaErrors(skipped)).toEqual([])
    expect(skipped.match(/<skipped /g)).toHaveLength(3)
    expect(await junitSchemaErrors('<testsuites><testcase/></testsuites>')).not.toEqual([])

    const report = toRunReport(state, 'team.json')
    expect(report).toMatchObject({
      ok: false,
      summary: { steps: 3, passed: 1, failed: 1, errors: 1 },
    })
  })
})
