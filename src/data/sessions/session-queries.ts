// The Session panel's data: the automatic check of the composed request's session (session-probe),
// and the calls the panel and the Inbox make on a session (Check, Create, Join, Leave, Accept),
// which go through the one send path (sendAndRecord: the proxy, Act as, History).
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import {
  acceptInviteCall,
  createOrJoinCall,
  readSessionDocument,
  sessionCall,
  type SessionRef,
  type SessionView,
} from '../../mpsd/session-document'
import type { SendOverrides } from '../../mpsd/environment'
import type { WireRequest } from '../../mpsd/request-builder'
import type { HistoryEntry } from '../history/history-entry'
import { recordingSendFor } from '../send/recording-send'
import { currentSettings } from '../settings/settings-queries'
import { probeSession } from './session-probe'

export const sessionQueries = {
  all: () => ['sessions'] as const,
  /** Keyed by who asks and where (Compose's target): membership is the acting player's. */
  probe: (ref: SessionRef, upstream: string, actAs: string) =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'probe', upstream, actAs, ref] as const,
      // The token and roster of the moment, as a send reads them.
      queryFn: async ({ signal, client }) =>
        probeSession(ref, { upstream, actAs }, await currentSettings(client), signal),
      staleTime: 5_000,
      retry: false,
    }),
}

/** A value that settles: the check waits for a pause in typing, not every keystroke. */
export function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs)
    return () => clearTimeout(timer)
  }, [value, delayMs])
  return settled
}

/** The composed request's session as the acting player sees it; `ref` undefined: no check. */
export function useSessionProbe(ref: SessionRef | undefined, upstream: string, actAs: string) {
  const empty = { scid: '', templateName: '', name: '' }
  return useQuery({
    ...sessionQueries.probe(ref ?? empty, upstream, actAs),
    enabled: ref !== undefined,
  })
}

export type SessionAction = 'check' | 'create' | 'join' | 'leave'

export type SessionCallResult = {
  entry: HistoryEntry
  /** The session the answer carries (200, 201, and a 412 carries the current one). */
  session?: SessionView
  /** 204: the session does not exist (a GET) or is gone (the last member left). */
  gone: boolean
}

function resultOf(entry: HistoryEntry): SessionCallResult {
  const response = entry.response
  const read = response && response.body !== '' ? readSessionDocument(response.body) : undefined
  return {
    entry,
    ...(read?.ok ? { session: read.session } : {}),
    gone: response?.status === 204,
  }
}

function useSessionCall() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({
      request,
      target,
    }: {
      request: WireRequest
      /** Where and as whom, when not Settings' upstream and Act as. */
      target: SendOverrides
    }): Promise<SessionCallResult> => {
      const entry = await recordingSendFor(queryClient)({
        request,
        kind: request.method === 'GET' ? 'get' : 'session',
        ...target,
      })
      return resultOf(entry)
    },
    // A write changes what the automatic check would find: it asks again.
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionQueries.all() }),
    meta: { records: ['history', 'handles'] },
  })
}

/**
 * "Check session", "Create session", "Join session", "Leave session" on a session reference, sent
 * to `target` (Compose's: the environment's upstream and actAs overrides, as Send sends).
 */
export function useSessionAction() {
  const call = useSessionCall()
  return {
    ...call,
    run: (
      action: SessionAction,
      ref: SessionRef,
      xuid: string | undefined,
      contractVersion: number,
      target: SendOverrides,
    ) => call.mutateAsync({ request: sessionCall(action, ref, xuid, contractVersion), target }),
    createOrJoin: (
      ref: SessionRef,
      xuid: string | undefined,
      contractVersion: number,
      target: SendOverrides,
    ) => call.mutateAsync({ request: createOrJoinCall(ref, xuid, contractVersion), target }),
  }
}

/** The Inbox's "Accept": PUT /handles/{id}/session as the invitee (the Inbox's player). */
export function useAcceptInvite() {
  const call = useSessionCall()
  return {
    ...call,
    accept: (handleId: string, xuid: string, actAs: string, contractVersion: number) =>
      call.mutateAsync({
        request: acceptInviteCall(handleId, xuid, contractVersion),
        target: actAs ? { actAs } : {},
      }),
  }
}
