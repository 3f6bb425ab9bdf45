/**
 * `npm start`: the lab on loopback, then the demo pages (Vite) configured against it.
 * Set TC_TRUECONF_SERVER / TC_TRUECONF_ISSUER / TC_TRUECONF_CLIENT_ID (and the same for
 * OPENTALK, WEBEX) to point a page at real servers instead.
 */
import { startLab } from './lab/start.js';
import { DEMO_PORT, demoPages, labPorts } from './lab/ports.js';
import { demoSettings, startDemoServer } from './server.js';

const lab = await startLab({ ports: labPorts(), redirectUris: demoPages(), quiet: false });
const settings = demoSettings(lab.describe());
// Real servers win over the lab where the environment names them.
for (const key of Object.keys(settings)) {
  const real = process.env[`TC_${key}`];
  if (real) settings[key] = real;
}
const demo = await startDemoServer(settings, { port: DEMO_PORT, quiet: true });
console.log(`demo: ${demo.url}/demo/index.html  (also trueconf-v4.html, opentalk.html, webex.html)`);
console.log('Press Ctrl+C to stop.');

const stop = async () => {
  await demo.close();
  await lab.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
