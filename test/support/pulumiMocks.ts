/**
 * `pulumi.runtime.setMocks` for unit tests of the resource class: every registration's inputs are
 * recorded, and the engine's answer is the inputs plus `extraState`.
 */
import * as pulumi from "@pulumi/pulumi";

/** Installs the mocks (call it in `before`); registered inputs are pushed onto `registered`. */
export async function recordRegistrations(
  registered: Record<string, unknown>[],
  extraState: Record<string, unknown> = {},
): Promise<void> {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args.inputs);
        return { id: `${args.name}-id`, state: { ...args.inputs, ...extraState } };
      },
      call: () => ({}),
    },
    "project",
    "stack",
    false,
  );
}
