/**
 * The hooks of an engine `describe`: one sandbox whose jobs finish on demand, started before its
 * tests; after them, every stack the tests made is cleaned up, then the sandbox closes.
 */
import { Sandbox, startSandbox } from "../../sandbox";
import type { TestStack } from "./engine";

/**
 * Registers the hooks in the current `describe`; `ready` receives the started sandbox. Push every
 * stack the tests make onto `stacks` so that it is cleaned up.
 */
export function sandboxAndStacksPerSuite(stacks: TestStack[], ready: (sandbox: Sandbox) => void): void {
  let sandbox: Sandbox | undefined;
  before(async () => {
    // Jobs finish only when a test says so.
    sandbox = await startSandbox({ jobCompletion: {} });
    ready(sandbox);
  });
  after(async () => {
    for (const t of stacks) await t.cleanup();
    await sandbox?.close();
  });
}
