/* eslint-disable @typescript-eslint/no-require-imports -- requiring by package path inside each method keeps the serialized provider small and free of captured code. */
/**
 * The provider Pulumi serializes into every resource's state — twice per resource, in inputs and
 * outputs — and reads back in every provider call.
 *
 * It is this module's own exports object, on purpose. Where the package is installed under
 * `node_modules` (how users get it), Pulumi serializes a module it can find there as
 * `require("pulumi-renewed-certificate/…/serializedProvider.js")`, so `__provider` is a few hundred
 * bytes. Elsewhere (this repository, a linked checkout) the object is serialized by value, about
 * 2 KB: each method only `require`s the lifecycle by its package path and forwards, capturing
 * nothing, so neither form holds code or credentials.
 *
 * No `delete`: without one the host forgets the resource without calling anything, which is all a
 * delete ever did (nothing is revoked or cancelled at the vendor).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ProviderInputs, ProviderOutputs } from "./inputs";
import type * as Lifecycle from "./lifecycle";

type L = typeof Lifecycle;

const serializedProvider = {
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    await (require("pulumi-renewed-certificate/dist/provider/lifecycle.js") as L).configure((key) =>
      req.config.get(key),
    );
  },
  async check(
    olds: ProviderInputs,
    news: ProviderInputs,
  ): Promise<Required<pulumi.dynamic.CheckResult<ProviderInputs>>> {
    return (require("pulumi-renewed-certificate/dist/provider/lifecycle.js") as L).check(olds, news);
  },
  async diff(id: string, olds: ProviderOutputs, news: ProviderInputs): Promise<pulumi.dynamic.DiffResult> {
    return (require("pulumi-renewed-certificate/dist/provider/lifecycle.js") as L).diff(id, olds, news);
  },
  async create(inputs: ProviderInputs): Promise<Required<pulumi.dynamic.CreateResult<ProviderOutputs>>> {
    return (require("pulumi-renewed-certificate/dist/provider/lifecycle.js") as L).create(inputs);
  },
  async read(id: string, props?: ProviderOutputs): Promise<pulumi.dynamic.ReadResult<ProviderOutputs>> {
    return (require("pulumi-renewed-certificate/dist/provider/lifecycle.js") as L).read(id, props);
  },
  async update(
    id: string,
    olds: ProviderOutputs,
    news: ProviderInputs,
  ): Promise<Required<pulumi.dynamic.UpdateResult<ProviderOutputs>>> {
    return (require("pulumi-renewed-certificate/dist/provider/lifecycle.js") as L).update(id, olds, news);
  },
} satisfies pulumi.dynamic.ResourceProvider<ProviderInputs, ProviderOutputs>;

export = serializedProvider;
