// The invite the Node-side sections send: the XSAPI invite shape with values the simulator's zod
// schemas accept, and the headers XSAPI sends (contract version 107, an XBL3.0 token).

export const BENCH_SCID = 'bd6c41c3-01c3-468a-a3b5-3e0fe8133862'

export const INVITE_HEADERS: Record<string, string> = {
  'content-type': 'application/json; charset=utf-8',
  'x-xbl-contract-version': '107',
  authorization: 'XBL3.0 x=bench;token',
}

export function inviteBody(invitedXuid = '2533274790000001'): string {
  return JSON.stringify({
    type: 'invite',
    sessionRef: { scid: BENCH_SCID, templateName: 'deathmatch', name: 'bench-session' },
    version: 1,
    invitedXuid,
    inviteAttributes: { titleId: '1234', contextString: '///bench', senderString: 'bench' },
  })
}

/** A distinct, valid XUID per invite of a batch (the SDK sends one POST per invited user). */
export function benchXuid(i: number): string {
  return String(2533274790000000 + i)
}

/**
 * The session the bench invites to, with the bench's user an active member: the simulator's strict
 * rules (decision 100) refuse invites to a session that does not exist or from a non-member, and
 * the bench measures the default path.
 */
export async function createBenchSession(serverUrl: string): Promise<void> {
  const response = await fetch(
    `${serverUrl}/sim/serviceconfigs/${BENCH_SCID}/sessionTemplates/deathmatch/sessions/bench-session`,
    {
      method: 'PUT',
      headers: INVITE_HEADERS,
      body: JSON.stringify({
        members: {
          me: {
            constants: { system: { initialize: true } },
            properties: { system: { active: true } },
          },
        },
      }),
    },
  )
  await response.arrayBuffer()
  if (!response.ok) throw new Error(`creating the bench session answered ${response.status}`)
}
