// Exports of presets: the Workbench's own versioned file, a Postman collection (v2.1) and a curl
// script. None of them is given the token: Postman gets a {{authorization}} variable left empty and
// the script reads $MPSD_AUTHORIZATION, so a shared export never carries a secret. Every output is
// also passed through redactSecrets, for a token a user typed into a field.
import { stableStringify, toPresetsFile, type Preset } from '../../mpsd/preset'
import { redactSecrets } from '../../mpsd/redact'
import {
  AUTHORIZATION_HEADER,
  buildActivityBody,
  buildInviteBody,
  postHandleRequest,
  type WireRequest,
} from '../../mpsd/request-builder'
import { XBOX_LIVE_ORIGIN } from '../../mpsd/limits'
import { shellQuote } from '../../mpsd/snippets'

export const POSTMAN_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json'

export type ExportOutput = { fileName: string; text: string; type: string; redactedPaths: string[] }

function stamp(now: Date): string {
  return now.toISOString().slice(0, 19).replaceAll(':', '-')
}

function clean(presets: readonly Preset[], secrets: readonly string[]) {
  return redactSecrets(
    presets.map((p) => ({ ...p })),
    secrets,
  )
}

/** One wire request per send the preset describes: one per listed XUID for invites with a list. */
export function presetWireRequests(preset: Preset): Array<{ label: string; request: WireRequest }> {
  const r = preset.request
  const sessionRef = {
    scid: r.sessionRef.scid,
    templateName: r.sessionRef.templateName,
    name: r.sessionRef.name,
  }
  if (r.type === 'activity') {
    return [
      {
        label: preset.name,
        request: postHandleRequest(buildActivityBody({ sessionRef }), r.contractVersion),
      },
    ]
  }
  const xuids = r.xuids && r.xuids.length > 0 ? r.xuids : [r.invite.invitedXuid]
  return xuids.map((xuid) => ({
    label: xuids.length > 1 ? `${preset.name} → ${xuid}` : preset.name,
    request: postHandleRequest(
      buildInviteBody({ sessionRef, ...r.invite, invitedXuid: xuid }),
      r.contractVersion,
    ),
  }))
}

export function exportPresetsFile(
  presets: readonly Preset[],
  secrets: readonly string[],
  now: Date = new Date(),
): ExportOutput {
  const { value, redactedPaths } = clean(presets, secrets)
  return {
    fileName: `handles-workbench-presets-${stamp(now)}.json`,
    text: stableStringify(toPresetsFile(value)),
    type: 'application/json',
    redactedPaths,
  }
}

export function exportPostmanCollection(
  presets: readonly Preset[],
  secrets: readonly string[],
  now: Date = new Date(),
): ExportOutput {
  const { value, redactedPaths } = clean(presets, secrets)
  const toItem = (label: string, request: WireRequest, description?: string) => ({
    name: label,
    request: {
      method: request.method,
      header: [
        ...request.headers.map(([key, val]) => ({ key, value: val })),
        { key: AUTHORIZATION_HEADER, value: '{{authorization}}' },
      ],
      url: {
        raw: `{{baseUrl}}${request.path}`,
        host: ['{{baseUrl}}'],
        path: request.path.replace(/^\//, '').split('/'),
      },
      ...(request.body !== undefined
        ? { body: { mode: 'raw', raw: request.body, options: { raw: { language: 'json' } } } }
        : {}),
      ...(description ? { description } : {}),
    },
  })
  const collection = {
    info: {
      name: 'Handles Workbench presets',
      description:
        'Exported from Handles Workbench. Set the "authorization" variable to your XBL3.0 token.',
      schema: POSTMAN_SCHEMA,
    },
    variable: [
      { key: 'baseUrl', value: XBOX_LIVE_ORIGIN },
      // Left empty on purpose: the token is set in Postman, never carried by the file.
      { key: 'authorization', value: '' },
    ],
    item: value.map((preset) => {
      const requests = presetWireRequests(preset)
      const [only] = requests
      if (requests.length === 1 && only)
        return toItem(preset.name, only.request, preset.description || undefined)
      return {
        name: preset.name,
        ...(preset.description ? { description: preset.description } : {}),
        item: requests.map((r) => toItem(r.label, r.request)),
      }
    }),
  }
  return {
    fileName: `handles-workbench-presets-${stamp(now)}.postman_collection.json`,
    text: `${JSON.stringify(collection, null, 2)}\n`,
    type: 'application/json',
    redactedPaths,
  }
}

/** A comment line can hold no newline (it would end the comment and run the rest as a command). */
function commentText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
}

export function exportCurlScript(
  presets: readonly Preset[],
  secrets: readonly string[],
  now: Date = new Date(),
): ExportOutput {
  const { value, redactedPaths } = clean(presets, secrets)
  const lines = [
    '#!/usr/bin/env bash',
    '# Exported from Handles Workbench. The token is read from the environment, never stored here:',
    '#   MPSD_AUTHORIZATION="XBL3.0 x=<userhash>;<token>" ./this-script.sh',
    'set -euo pipefail',
    ': "${MPSD_AUTHORIZATION:?Set MPSD_AUTHORIZATION to your XBL3.0 token}"',
    `BASE_URL="\${MPSD_BASE_URL:-${XBOX_LIVE_ORIGIN}}"`,
  ]
  for (const preset of value) {
    for (const { label, request } of presetWireRequests(preset)) {
      lines.push('', `# ${commentText(label)}`)
      const parts = [`curl -sS -X ${request.method} "$BASE_URL"${shellQuote(request.path)}`]
      for (const [name, val] of request.headers) parts.push(`  -H ${shellQuote(`${name}: ${val}`)}`)
      parts.push(`  -H "${AUTHORIZATION_HEADER}: $MPSD_AUTHORIZATION"`)
      if (request.body !== undefined) parts.push(`  --data-binary ${shellQuote(request.body)}`)
      lines.push(parts.join(' \\\n'), 'echo')
    }
  }
  return {
    fileName: `handles-workbench-presets-${stamp(now)}.sh`,
    text: `${lines.join('\n')}\n`,
    type: 'text/x-shellscript',
    redactedPaths,
  }
}
