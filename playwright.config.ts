import { defineConfig, devices } from '@playwright/test'

// A port of our own (never Vite's default, which another process may hold). Workers inherit the
// runner's environment, so every process agrees on it. Below Linux's ephemeral range (32768-60999):
// a port in it can be taken by any outgoing connection before a journey listens on it (port + 1,
// the custom upstream, is bound mid-run; `npm run e2e:load` once met EADDRINUSE there).
process.env.E2E_PORT ??= String(20000 + Math.floor(Math.random() * 10000))
const port = Number(process.env.E2E_PORT)
// The fake Microsoft sign-in and "Xbox Live" (scripts/e2e-fakes.ts); port + 1 is the custom upstream.
process.env.E2E_FAKE_PORT ??= String(port + 2)
const fakeUrl = `http://127.0.0.1:${process.env.E2E_FAKE_PORT}`

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

export default defineConfig({
  testDir: './e2e',
  outputDir: process.env.PW_OUTPUT_DIR ?? 'test-results/playwright-artifacts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.PW_JSON_REPORT ?? 'test-results/playwright.json' }],
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: [
    {
      command: 'tsx scripts/e2e-fakes.ts',
      url: `${fakeUrl}/__fake/requests`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { E2E_FAKE_PORT: process.env.E2E_FAKE_PORT },
    },
    {
      // The built app served by the real server (proxy + simulator), as `npm start` does.
      command: 'tsx src/server/main.ts',
      url: `http://127.0.0.1:${port}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PORT: String(port),
        HOST: '127.0.0.1',
        WORKBENCH_PRESETS_DIR: process.env.WORKBENCH_PRESETS_DIR ?? 'test-results/e2e-presets',
        WORKBENCH_STATIC_ROOT: process.env.WORKBENCH_STATIC_ROOT ?? 'dist',
        WORKBENCH_UPSTREAMS: `http://127.0.0.1:${port + 1}`,
        // Sign-in and "Xbox Live" go to the loopback fakes (the variables accept loopback only).
        WORKBENCH_MSA_CLIENT_ID: '00001111-aaaa-2222-bbbb-3333cccc4444',
        WORKBENCH_MSA_AUTHORITY: `${fakeUrl}/consumers`,
        WORKBENCH_XBL_USER_AUTH_URL: `${fakeUrl}/user/authenticate`,
        WORKBENCH_XSTS_URL: `${fakeUrl}/xsts/authorize`,
        WORKBENCH_XBOXLIVE_ORIGIN: fakeUrl,
      },
    },
  ],
})
