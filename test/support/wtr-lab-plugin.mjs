// Starts the lab once for the browser test run, so component tests sign in against real servers.
// Browser tests reach it through the `lab-config` server command (executeServerCommand).
export function labPlugin() {
  let lab;
  return {
    name: 'tc-lab',
    async serverStart({ config }) {
      const { tsImport } = await import('tsx/esm/api');
      const { startLab } = await tsImport('../../demo/lab/start.ts', import.meta.url);
      const port = config.port ?? 8000;
      lab = await startLab({ quiet: true, origins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`] });
    },
    async serverStop() {
      await lab?.close();
    },
    async executeCommand({ command, payload }) {
      if (command === 'lab-config') return lab.describe();
      if (command === 'lab-call') return lab.command(payload);
      return undefined;
    },
  };
}
