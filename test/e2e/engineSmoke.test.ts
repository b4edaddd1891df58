// Smoke test: a dynamic resource goes through the real Pulumi engine (create, planned update,
// destroy) via the Automation API, with the CLI from scripts/ensure-pulumi-cli.js.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import type { EngineEvent, OpType } from "@pulumi/pulumi/automation";
import { newStack, TestStack } from "../support/engine";

const echoProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: { value: string }) {
    return { id: "x", outs: { value: inputs.value } };
  },
  async update(_id: string, _olds: { value: string }, news: { value: string }) {
    return { outs: { value: news.value } };
  },
};

class Echo extends pulumi.dynamic.Resource {
  declare readonly value: pulumi.Output<string>;

  constructor(name: string, args: { value: pulumi.Input<string> }, opts?: pulumi.CustomResourceOptions) {
    super(echoProvider, name, { value: args.value }, opts);
  }
}

const RESOURCE_TYPE = "pulumi-nodejs:dynamic:Resource";

/** The step ops the engine announced for the Echo resource named `echo`. */
function opsFor(events: EngineEvent[]): OpType[] {
  return events
    .map((e) => e.resourcePreEvent?.metadata)
    .filter(
      (m): m is NonNullable<typeof m> =>
        m !== undefined && m.type === RESOURCE_TYPE && m.urn.endsWith("::echo"),
    )
    .map((m) => m.op);
}

describe("engine smoke test (dynamic resource through the real Pulumi CLI)", function () {
  // The first call may build or start the CLI; each engine operation takes a few seconds.
  this.timeout(30 * 60_000);

  let t: TestStack | undefined;

  before(async function () {
    t = await newStack({
      projectName: "engine-smoke",
      program: async () => {
        const echo = new Echo("echo", { value: new pulumi.Config().require("value") });
        return { value: echo.value };
      },
    });
  });

  after(async function () {
    await t?.cleanup();
  });

  it("creates, plans an update for and destroys a dynamic resource", async function () {
    const stack = t!.stack;
    await stack.setConfig("value", { value: "one" });

    const upEvents: EngineEvent[] = [];
    const up = await stack.up({ onEvent: (e) => upEvents.push(e) });
    expect(up.summary.result).to.equal("succeeded");
    expect(up.outputs.value.value).to.equal("one");
    expect(opsFor(upEvents)).to.deep.equal(["create"]);
    expect(up.summary.resourceChanges).to.include({ create: 2 }); // the stack and the Echo

    await stack.setConfig("value", { value: "two" });
    const previewEvents: EngineEvent[] = [];
    const preview = await stack.preview({ onEvent: (e) => previewEvents.push(e) });
    expect(opsFor(previewEvents)).to.deep.equal(["update"]);
    expect(preview.changeSummary).to.include({ update: 1 });

    const destroy = await stack.destroy();
    expect(destroy.summary.result).to.equal("succeeded");
    expect(destroy.summary.resourceChanges).to.include({ delete: 2 });
  });
});
