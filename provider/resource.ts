/** The `RenewedCertificate` resource: a thin wiring of args, outputs and the provider. */
import * as pulumi from "@pulumi/pulumi";
import type { RenewedCertificateArgs } from "./args";
import { withCredentialsMarked } from "./credentials";
import { CertificateState, SECRET_OUTPUTS } from "./inputs";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an `export =` module (see there).
import serializedProvider = require("./serializedProvider");
import { PROGRAM_OUTPUTS, ProgramOutput } from "./state";

/**
 * The one provider every resource shares. It is the ./serializedProvider module object itself
 * (never a copy), so that Pulumi serializes it as a `require` of this package (see that module).
 */
const provider: pulumi.dynamic.ResourceProvider = serializedProvider;

/** The module part of the type token `pulumi-nodejs:dynamic/renewed-certificate:RenewedCertificate`. */
export const TYPE_MODULE = "renewed-certificate";
/** The type part of the type token. */
export const TYPE_NAME = "RenewedCertificate";

/**
 * The args with every credential (./credentials.ts `SECRET_INPUT_FIELDS`) wrapped in
 * `pulumi.secret`, so that state and check failures never show one the program gave as a plain
 * string. A vendor block given as a whole Output (or Promise) cannot be split before it resolves,
 * so the whole block is made secret then.
 */
function withCredentialsSecret(args: RenewedCertificateArgs): RenewedCertificateArgs {
  return withCredentialsMarked(
    args,
    (v) => (v === undefined || v === null ? v : pulumi.secret(v)),
    (block) =>
      pulumi.Output.isInstance(block) || block instanceof Promise ? pulumi.secret(block) : undefined,
  );
}

/** The outputs a program reads (see `PROGRAM_OUTPUTS`), declared once in {@link CertificateState}. */
export type RenewedCertificateOutputs = Outputify<Pick<CertificateState, ProgramOutput>>;

/** Each field of T as a `pulumi.Output` (always present; an unset one resolves to undefined); docs carry over. */
type Outputify<T> = { readonly [K in keyof T]-?: pulumi.Output<T[K]> };

// The class's output fields come from this interface, merged with the class: declared once (in
// CertificateState), and without class fields that would overwrite what the SDK assigns.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging -- see above.
export interface RenewedCertificate extends RenewedCertificateOutputs {}

/**
 * A purchased TLS certificate kept renewed: previews show when and why it will be renewed,
 * `pulumi up` renews it exactly once, and the vendor's job or transaction id lands in the outputs.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the outputs' interface above.
export class RenewedCertificate extends pulumi.dynamic.Resource {
  constructor(name: string, args: RenewedCertificateArgs, opts?: pulumi.CustomResourceOptions) {
    const placeholders = Object.fromEntries(PROGRAM_OUTPUTS.map((k) => [k, undefined]));
    const props = { ...placeholders, ...withCredentialsSecret(args) };
    const options = {
      ...opts,
      additionalSecretOutputs: [...SECRET_OUTPUTS, ...(opts?.additionalSecretOutputs ?? [])],
    };
    // The SDK gives every registered property four promises, and each captures `new Error().stack`
    // at once, for a promise-leak report that is only shown under PULUMI_DEBUG_PROMISE_LEAKS. With
    // source maps on (ts-node, tsx, source-map-support) formatting those stacks was half the
    // program's CPU time in a preview at fleet scale (docs/BENCHMARKS.md). The resource's own source position is unaffected:
    // the SDK lifts the limit itself to capture it. Errors thrown while registering (a user's
    // transformation, say) keep their message but carry no stack.
    const limit = Error.stackTraceLimit;
    if (!process.env.PULUMI_DEBUG_PROMISE_LEAKS) Error.stackTraceLimit = 0;
    try {
      super(provider, name, props, options, TYPE_MODULE, TYPE_NAME);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }
}
