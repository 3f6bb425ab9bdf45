/**
 * Serves the demo pages with Vite. Lab (or real-server) settings reach the pages as `%VITE_TC_*%`
 * placeholders in their HTML, so each page stays plain markup a portal author could copy.
 */
import { createServer, type ViteDevServer } from 'vite';
import { fileURLToPath } from 'node:url';

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
