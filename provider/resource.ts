/** The `RenewedCertificate` resource: a thin wiring of args, outputs and the provider. */
import * as pulumi from "@pulumi/pulumi";
import type { RenewedCertificateArgs } from "./args";
import { SECRET_INPUT_FIELDS } from "./credentials";
import { SECRET_OUTPUTS } from "./inputs";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an `export =` module (see there).
import serializedProvider = require("./serializedProvider");
import { PROGRAM_OUTPUTS } from "./state";

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
  const out: Record<string, unknown> = { ...args };
  for (const [block, fields] of Object.entries(SECRET_INPUT_FIELDS)) {
    const held = (args as unknown as Record<string, unknown>)[block];
    if (held === undefined || held === null) continue;
    if (pulumi.Output.isInstance(held) || held instanceof Promise) {
      out[block] = pulumi.secret(held);
      continue;
    }
    const copy: Record<string, unknown> = { ...(held as Record<string, unknown>) };
    for (const field of fields) {
      if (copy[field] !== undefined && copy[field] !== null) copy[field] = pulumi.secret(copy[field]);
    }
    out[block] = copy;
  }
  return out as unknown as RenewedCertificateArgs;
}

/**
 * A purchased TLS certificate kept renewed: previews show when and why it will be renewed,
 * `pulumi up` renews it exactly once, and the vendor's job or transaction id lands in the outputs.
 */
export class RenewedCertificate extends pulumi.dynamic.Resource {
  /** The vendor's id of the certificate (echoed input; ids are strings). */
  declare readonly certificateId: pulumi.Output<string>;
  /** Validity requested for each renewal, in months (echoed input). */
  declare readonly lifetimeMonths: pulumi.Output<number>;
  /** Renewal threshold in days (echoed input; unset means 30). */
  declare readonly renewBeforeDays: pulumi.Output<number | undefined>;
  /** The renewal trigger (echoed input). */
  declare readonly renewalTrigger: pulumi.Output<string | undefined>;
  /** How long create/update follow the vendor's job (echoed input; unset means 0). */
  declare readonly waitTimeoutSeconds: pulumi.Output<number | undefined>;
  /** Expiry of the certificate as last known (ISO-8601, UTC). */
  declare readonly notAfter: pulumi.Output<string | undefined>;
  /** `notAfter − renewBeforeDays`. */
  declare readonly renewAfter: pulumi.Output<string | undefined>;
  /** Whether a renewal was due as of the last provider call. */
  declare readonly renewalDue: pulumi.Output<boolean>;
  /** Why the last/next renewal happens; "" when none. */
  declare readonly renewalReason: pulumi.Output<string>;
  /** AutoDNS job id or ResellerClub eaqid of the last renewal. */
  declare readonly jobId: pulumi.Output<string | undefined>;
  /** Symantec transaction id of the last renewal. */
  declare readonly transactionId: pulumi.Output<string | undefined>;
  /** "none" · "pending" · "succeeded" · "failed". */
  declare readonly renewalStatus: pulumi.Output<string>;
  /** The vendor's own word for that state. */
  declare readonly vendorStatus: pulumi.Output<string | undefined>;
  /** The renewed certificate (PEM) when the vendor returns one. */
  declare readonly certificatePem: pulumi.Output<string | undefined>;
  /** Its chain (PEM, issuer after issuer) when the vendor returns one (Symantec PKCS#7 bundles). */
  declare readonly certificateChainPem: pulumi.Output<string | undefined>;
  /** Renewals this resource submitted and the vendor accepted. */
  declare readonly renewalCount: pulumi.Output<number>;
  /** When the last renewal was submitted (ISO-8601). */
  declare readonly lastRenewedAt: pulumi.Output<string | undefined>;
  /** The last renewal's error; "" after a success. */
  declare readonly lastError: pulumi.Output<string | undefined>;
  /** Failed renewal attempts since the last success (drives the retry backoff, 1 h doubling to 24 h). */
  declare readonly failedAttempts: pulumi.Output<number>;
  /** End of the paid term (ISO-8601); the same as `notAfter` where the vendor has no separate term. */
  declare readonly coverageEndsAt: pulumi.Output<string | undefined>;
  /** What the clocks call for next: "none", "reissue" (free, inside the term) or "renew" (paid). */
  declare readonly nextAction: pulumi.Output<string>;
  /** When `nextAction` falls due (ISO-8601), "" when unknown. */
  declare readonly nextActionAt: pulumi.Output<string>;
  /** The last action submitted: "renew" or "reissue"; "" before the first. */
  declare readonly lastAction: pulumi.Output<string>;
  /** Reissues this resource submitted and the vendor accepted. */
  declare readonly reissueCount: pulumi.Output<number>;
  /** When the last reissue was submitted (ISO-8601), "" before the first. */
  declare readonly lastReissuedAt: pulumi.Output<string>;
  /** After a failed action: when it may be retried (ISO-8601); "" otherwise. */
  declare readonly nextAttemptAt: pulumi.Output<string>;

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
