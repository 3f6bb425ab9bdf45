/** Placeholder until the emulators land: starts nothing. Replaced by the lab orchestrator. */
export interface LabHandle {
  describe(): Record<string, unknown>;
  command(payload: unknown): Promise<unknown>;
  close(): Promise<void>;
}
export async function startLab(_options: { quiet?: boolean; origins?: string[] } = {}): Promise<LabHandle> {
  return { describe: () => ({}), command: async () => undefined, close: async () => {} };
}
