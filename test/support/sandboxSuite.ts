/**
 * One sandbox per `describe`: started before its tests, reset before each (so every test sees the
 * seed and the start instant), closed after. `ready` runs once it has started, to build clients.
 */
import { Sandbox, SandboxOptions, startSandbox } from "../../sandbox";

/** Registers the sandbox's hooks in the current `describe`. */
export function sandboxPerSuite(options: SandboxOptions, ready: (sandbox: Sandbox) => void): void {
  let sandbox: Sandbox | undefined;
  before(async () => {
    sandbox = await startSandbox(options);
    ready(sandbox);
  });
  beforeEach(async () => {
    await sandbox?.admin.reset();
  });
  after(async () => {
    await sandbox?.close();
  });
}
