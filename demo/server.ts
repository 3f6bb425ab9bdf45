/**
 * Serves the demo pages with Vite. Lab (or real-server) settings reach the pages as `%VITE_TC_*%`
 * placeholders in their HTML, so each page stays plain markup a portal author could copy.
 */
import { createServer, type ViteDevServer } from 'vite';
import { fileURLToPath } from 'node:url';
import type { LabDescription } from './lab/start.js';

/** The demo pages' `%VITE_TC_*%` settings for a running lab (without the `VITE_TC_` prefix). */
export function demoSettings(d: LabDescription): Record<string, string> {
  return {
    TRUECONF_SERVER: d.trueconf.url,
    TRUECONF_ISSUER: d.bridges.trueconf.url,
    TRUECONF_CLIENT_ID: d.bridges.trueconf.clientId,
    // TrueConf sends no CORS headers: API calls go through the bridge's pass-through.
    TRUECONF_API_BASE: d.bridges.trueconf.url,
    TRUECONF_V4_ISSUER: d.bridges.trueconfV4.url,
    TRUECONF_V4_CLIENT_ID: d.bridges.trueconfV4.clientId,
    TRUECONF_V4_API_BASE: d.bridges.trueconfV4.url,
    OPENTALK_SERVER: d.opentalk.url,
    OPENTALK_ISSUER: d.opentalk.issuer,
    OPENTALK_CLIENT_ID: d.opentalk.clientId,
    WEBEX_SERVER: d.webex.url,
    WEBEX_ISSUER: d.bridges.webex.url,
    WEBEX_CLIENT_ID: d.bridges.webex.clientId,
  };
}

export interface DemoServer {
  url: string;
  close(): Promise<void>;
}

export async function startDemoServer(
  settings: Record<string, string>,
  options: { port?: number; quiet?: boolean } = {},
): Promise<DemoServer> {
  for (const [key, value] of Object.entries(settings)) process.env[`VITE_TC_${key}`] = value;
  const root = fileURLToPath(new URL('..', import.meta.url));
  const server: ViteDevServer = await createServer({
    root,
    configFile: false,
    publicDir: false,
    logLevel: options.quiet ? 'silent' : 'info',
    server: { host: '127.0.0.1', port: options.port ?? 0, strictPort: options.port !== undefined, hmr: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}
