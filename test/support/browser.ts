import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH points elsewhere if needed. */
const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Headless, sandbox off (containers run as root), and nothing that phones home.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The policy the API serves the dashboards with; tests can impose it whatever serves them. */
export const DASHBOARD_CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
  "connect-src 'self'; frame-ancestors 'none'";

export const RESULTS_DIR = path.resolve('test-results');

export const VIEWPORTS = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught page errors and CSP violations seen so far, as text. */
  errors: string[];
  /** Saves a full-page PNG as test-results/<name>.png and returns its path. */
  screenshot(name: string, page?: Page): Promise<string>;
  close(): Promise<void>;
}

/**
 * The dashboards ask `GET /api/v1/session` on load; signed out, that is a 401, which Chromium
 * logs as a failed resource. It is the expected way to learn that the login form is needed.
 */
export const SIGNED_OUT_PROBE = /status of 401 .* @ https?:\/\/[^/]+\/api\/v1\/session$/;

export interface LaunchOptions {
  /** Console errors matching one of these are expected; default: the signed-out session probe. */
  allowedErrors?: RegExp[];
  viewport?: { width: number; height: number };
  /**
   * Adds DASHBOARD_CSP to every HTML document answered by `origin`, so a test proves the built
   * pages run under it even when the server under test sets no policy.
   */
  enforceCspFor?: string;
}

/** Chromium with a fresh user-data directory (no state shared between tests), one page open. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<BrowserSession> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'ecoute-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: EXECUTABLE,
    args: ARGS,
    headless: true,
    viewport: options.viewport ?? VIEWPORTS.desktop,
    locale: 'en-GB',
    // No animations: screenshots show charts fully drawn, and the pages must honour the setting.
    reducedMotion: 'reduce',
    timezoneId: 'Europe/Paris',
  });
  const errors: string[] = [];
  const allowed = options.allowedErrors ?? [SIGNED_OUT_PROBE];
  context.on('console', (message) => {
    if (message.type() !== 'error') return;
    const line = `console: ${message.text()} @ ${message.location().url}`;
    if (!allowed.some((pattern) => pattern.test(line))) errors.push(line);
  });
  context.on('weberror', (error) => errors.push(`page error: ${error.error().message}`));
  if (options.enforceCspFor) await enforceCsp(context, options.enforceCspFor);
  const page = context.pages()[0] ?? (await context.newPage());

  return {
    context,
    page,
    errors,
    async screenshot(name, target = page) {
      await mkdir(RESULTS_DIR, { recursive: true });
      const file = path.join(RESULTS_DIR, `${name}.png`);
      await target.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

async function enforceCsp(context: BrowserContext, origin: string): Promise<void> {
  await context.route(`${origin}/**`, async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: { ...response.headers(), 'content-security-policy': DASHBOARD_CSP },
    });
  });
}

/** Signs in through the login form with an API key, as a person would. */
export async function signIn(page: Page, baseUrl: string, apiKey: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('API key').fill(apiKey);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}
