// Exports of presets: the Workbench's own versioned file, a Postman collection (v2.1) and a curl
// script. None of them is given the token: Postman gets a {{authorization}} variable left empty and
// the script reads $MPSD_AUTHORIZATION, so a shared export never carries a secret. Every output is
// also passed through redactSecrets, for a token a user typed into a field. Both runnable exports
// fail when a call fails: a Postman test per request (so newman exits non-zero), the script's exit
// code.
import { stableStringify, toPresetsFile, type Preset } from '../../mpsd/preset'
import { redactSecrets } from '../../mpsd/redact'
import { AUTHORIZATION_HEADER, type WireRequest } from '../../mpsd/request-builder'
import { toWire } from '../../mpsd/to-wire'
import { XBOX_LIVE_ORIGIN } from '../../mpsd/limits'
import { MPA_ORIGIN } from '../../mpsd/mpa/mpa-limits'
import { isMpaPath } from '../../mpsd/mpa/mpa-path'
import { KIND_SERVICE } from '../../mpsd/request-kinds'
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
  // The preset always pins its contract version (presetRequestSchema); toWire uses it.
  const settings = { contractVersion: r.contractVersion }
  if (r.kind !== 'invite') return [{ label: preset.name, request: toWire(r, settings) }]
  const xuids = preset.xuids && preset.xuids.length > 0 ? preset.xuids : [r.invite.invitedXuid]
  return xuids.map((xuid) => ({
    label: xuids.length > 1 ? `${preset.name} → ${xuid}` : preset.name,
    request: toWire({ ...r, invite: { ...r.invite, invitedXuid: xuid } }, settings),
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

/**
 * Postman's "API Key" auth sends `<key>: <value>` exactly; "Bearer Token" would send
 * `Authorization: Bearer <token>`, which MPSD refuses for an XBL3.0 token (postman-runtime's
 * lib/authorizer/apikey.js and bearer.js).
 */
const POSTMAN_AUTH = {
  type: 'apikey',
  apikey: [
    { key: 'key', value: AUTHORIZATION_HEADER, type: 'string' },
    { key: 'value', value: '{{authorization}}', type: 'string' },
    { key: 'in', value: 'header', type: 'string' },
  ],
}

/** Postman tests for one request: newman fails the run when one fails (a 401, say). */
function postmanTests(kind: Preset['request']['kind']) {
  const exec = [
    `pm.test('${KIND_SERVICE[kind] === 'mpa' ? 'MPA' : 'MPSD'} answers 2xx', function () {`,
    '  pm.expect(pm.response.code).to.be.within(200, 299)',
    '})',
  ]
  if (kind === 'invite')
    exec.push(
      "pm.test('the invite handle has an id', function () {",
      "  pm.expect(pm.response.json().id).to.be.a('string').and.not.empty",
      '})',
    )
  return [{ listen: 'test', script: { type: 'text/javascript', exec } }]
}

/** The collection variable a request's host is: MPA paths go to multiplayeractivity.xboxlive.com. */
function baseOf(request: WireRequest): string {
  return isMpaPath(request.path) ? '{{mpaBaseUrl}}' : '{{baseUrl}}'
}

/** Postman keeps the query apart from the path segments (a search query's `?include=…`). */
function postmanUrl(base: string, path: string) {
  const [pathname = '', query] = path.split('?')
  return {
    raw: `${base}${path}`,
    host: [base],
    path: pathname.replace(/^\//, '').split('/'),
    ...(query
      ? {
          query: query.split('&').map((pair) => {
            const [key = '', ...value] = pair.split('=')
            return { key, value: value.join('=') }
          }),
        }
      : {}),
  }
}

export function exportPostmanCollection(
  presets: readonly Preset[],
  secrets: readonly string[],
  now: Date = new Date(),
): ExportOutput {
  const { value, redactedPaths } = clean(presets, secrets)
  const toItem = (preset: Preset, label: string, request: WireRequest, description?: string) => ({
    name: label,
    event: postmanTests(preset.request.kind),
    request: {
      method: request.method,
      header: request.headers.map(([key, val]) => ({ key, value: val })),
      url: postmanUrl(baseOf(request), request.path),
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
        'Exported from Handles Workbench. Set the "authorization" variable to your XBL3.0 token; ' +
        'it is sent as the Authorization header of every request.',
      schema: POSTMAN_SCHEMA,
    },
    // Every request inherits it (no auth of their own).
    auth: POSTMAN_AUTH,
    event: [
      {
        listen: 'prerequest',
        script: {
          type: 'text/javascript',
          exec: [
            // Paths start with a slash: a baseUrl set with a trailing one would call //handles.
            "for (const name of ['baseUrl', 'mpaBaseUrl']) {",
            '  const baseUrl = pm.variables.get(name)',
            "  if (typeof baseUrl === 'string') pm.variables.set(name, baseUrl.replace(/\\/+$/, ''))",
            '}',
          ],
        },
      },
    ],
    variable: [
      { key: 'baseUrl', value: XBOX_LIVE_ORIGIN },
      // Multiplayer Activity's host, part of "Xbox Live" (decision 110).
      { key: 'mpaBaseUrl', value: MPA_ORIGIN },
      // Left empty on purpose: the token is set in Postman, never carried by the file.
      { key: 'authorization', value: '' },
    ],
    item: value.map((preset) => {
      const requests = presetWireRequests(preset)
      const [only] = requests
      if (requests.length === 1 && only)
        return toItem(preset, preset.name, only.request, preset.description || undefined)
      return {
        name: preset.name,
        ...(preset.description ? { description: preset.description } : {}),
        item: requests.map((r) => toItem(preset, r.label, r.request)),
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

/**
 * The script makes every call, prints each answer, names each failure (no answer, or a status
 * other than 2xx) on stderr with its answer, and exits 1 if any call failed. The status comes from
 * `-w '%{http_code}'`, not --fail-with-body, which needs curl 7.76 (newer than Debian 11 has).
 */
const CURL_SCRIPT_HEAD = [
  '#!/usr/bin/env bash',
  '# Exported from Handles Workbench. The token is read from the environment, never stored here:',
  "#   MPSD_AUTHORIZATION='XBL3.0 x=<userhash>;<token>' bash this-script.sh",
  `# MPSD_BASE_URL calls another origin than ${XBOX_LIVE_ORIGIN} (a trailing slash is fine).`,
  '# Every call is made; each failure is printed, and the script exits 1 if any call failed.',
  'set -uo pipefail',
  ': "${MPSD_AUTHORIZATION:?Set MPSD_AUTHORIZATION to your XBL3.0 token}"',
  `BASE_URL="\${MPSD_BASE_URL:-${XBOX_LIVE_ORIGIN}}"`,
  `# MPA_BASE_URL does the same for Multiplayer Activity calls (default ${MPA_ORIGIN}).`,
  `MPA_BASE_URL="\${MPA_BASE_URL:-${MPA_ORIGIN}}"`,
  '# Every path starts with a slash: a base URL ending in one would otherwise call //handles.',
  'while [[ "$BASE_URL" == */ ]]; do BASE_URL="${BASE_URL%/}"; done',
  'while [[ "$MPA_BASE_URL" == */ ]]; do MPA_BASE_URL="${MPA_BASE_URL%/}"; done',
  'ANSWER="$(mktemp)" || exit 1',
  'trap \'rm -f "$ANSWER"\' EXIT',
  'CALLS=0',
  'FAILED=0',
  '',
  '# mpsd_call LABEL CURL-ARGUMENTS...: one call; its answer on stdout, or on stderr if it failed.',
  'mpsd_call() {',
  '  local label="$1" status',
  '  shift',
  '  CALLS=$((CALLS + 1))',
  '  : >"$ANSWER"',
  '  status="$(curl -sS -o "$ANSWER" -w \'%{http_code}\' "$@")"',
  '  if [[ "$status" == 2[0-9][0-9] ]]; then',
  '    printf \'%s: HTTP %s\\n\' "$label" "$status"',
  '    cat "$ANSWER"',
  '    echo',
  '    return',
  '  fi',
  '  FAILED=$((FAILED + 1))',
  '  if [[ "$status" =~ ^[1-9][0-9][0-9]$ ]]; then',
  '    printf \'FAILED %s: HTTP %s\\n\' "$label" "$status" >&2',
  '  else',
  '    printf \'FAILED %s: no answer\\n\' "$label" >&2',
  '  fi',
  '  cat "$ANSWER" >&2',
  '  echo >&2',
  '}',
]

const CURL_SCRIPT_TAIL = [
  '',
  'if ((FAILED > 0)); then',
  '  printf \'%s of %s calls failed\\n\' "$FAILED" "$CALLS" >&2',
  '  exit 1',
  'fi',
  'printf \'All %s calls succeeded\\n\' "$CALLS"',
]

export function exportCurlScript(
  presets: readonly Preset[],
  secrets: readonly string[],
  now: Date = new Date(),
): ExportOutput {
  const { value, redactedPaths } = clean(presets, secrets)
  const lines = [...CURL_SCRIPT_HEAD]
  for (const preset of value) {
    for (const { label, request } of presetWireRequests(preset)) {
      const name = commentText(label)
      lines.push('', `# ${name}`)
      const parts = [
        `mpsd_call ${shellQuote(name)} -X ${request.method} "${isMpaPath(request.path) ? '$MPA_BASE_URL' : '$BASE_URL'}"${shellQuote(request.path)}`,
      ]
      for (const [header, val] of request.headers)
        parts.push(`  -H ${shellQuote(`${header}: ${val}`)}`)
      parts.push(`  -H "${AUTHORIZATION_HEADER}: $MPSD_AUTHORIZATION"`)
      if (request.body !== undefined) parts.push(`  --data-binary ${shellQuote(request.body)}`)
      lines.push(parts.join(' \\\n'))
    }
  }
  lines.push(...CURL_SCRIPT_TAIL)
  return {
    fileName: `handles-workbench-presets-${stamp(now)}.sh`,
    text: `${lines.join('\n')}\n`,
    type: 'text/x-shellscript',
    redactedPaths,
  }
}
