#!/usr/bin/env node
/**
 * `tc-bridge`: runs the token bridge. Configuration from `--config file.json`, or the file named
 * by TC_BRIDGE_CONFIG, with TC_BRIDGE_* variables on top (the secret can stay out of the file:
 * TC_BRIDGE_UPSTREAM_SECRET or TC_BRIDGE_UPSTREAM_SECRET_FILE). Prints `tc-bridge: <url>`.
 */
import { BridgeConfigError, loadBridgeConfig } from './config.js';
import { startBridge } from './server.js';

const USAGE = `usage: tc-bridge [--config file.json]

Environment (overrides the file):
  TC_BRIDGE_CONFIG            path of the JSON config file
  TC_BRIDGE_HOST, TC_BRIDGE_PORT, TC_BRIDGE_PUBLIC_URL, TC_BRIDGE_PASSTHROUGH=1
  TC_BRIDGE_CLIENTS           JSON list of {clientId, redirectUris, allowedOrigins}
  TC_BRIDGE_CLIENT_ID, TC_BRIDGE_REDIRECT_URIS, TC_BRIDGE_ALLOWED_ORIGINS   (one client)
  TC_BRIDGE_UPSTREAM_KIND     trueconf-v3 | trueconf-v4 | webex | telphin
  TC_BRIDGE_UPSTREAM_BASE_URL, TC_BRIDGE_UPSTREAM_CLIENT_ID, TC_BRIDGE_UPSTREAM_SCOPE
  TC_BRIDGE_UPSTREAM_SECRET or TC_BRIDGE_UPSTREAM_SECRET_FILE
`;

function parseArgs(argv: string[]): { file?: string; help?: boolean } {
  const out: { file?: string; help?: boolean } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') out.help = true;
    else if (arg === '--config' || arg === '-c') out.file = argv[++i];
    else if (arg.startsWith('--config=')) out.file = arg.slice('--config='.length);
    else throw new BridgeConfigError(`unknown argument ${arg}`);
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  const config = loadBridgeConfig({ ...(args.file ? { file: args.file } : {}), env: process.env });
  const bridge = await startBridge({ ...config, log: (line) => console.error(`tc-bridge: ${line}`) });
  console.log(`tc-bridge: ${bridge.issuer}`);
  if (bridge.issuer !== bridge.url) console.log(`tc-bridge: listening on ${bridge.url}`);
  console.log(`tc-bridge: register ${bridge.callbackUrl} as the redirect URI at ${config.upstream.kind}`);
  const stop = (): void => {
    void bridge.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  if (err instanceof BridgeConfigError) {
    console.error(`tc-bridge: ${err.message}`);
    process.stderr.write(USAGE);
    process.exit(2);
  }
  console.error(`tc-bridge: ${err instanceof Error ? err.message : 'failed to start'}`);
  process.exit(1);
});
