/** `npm run lab`: only the emulated servers and bridges, on fixed loopback ports. */
import { startLab } from './start.js';
import { demoPages, labPorts } from './ports.js';

const lab = await startLab({ ports: labPorts(), redirectUris: demoPages(), quiet: false });
const stop = async () => {
  await lab.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
