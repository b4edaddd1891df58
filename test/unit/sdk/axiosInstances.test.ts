import { expect } from "chai";
import { Agent } from "node:https";
import { sharedAxios } from "../../../sdk/common/axiosInstances";

describe("sharedAxios", () => {
  const fixed = { responseType: "text" as const };
  const base = {
    baseURL: "https://api.example.test/",
    timeout: 30_000,
    headers: { "User-Agent": "ua", Accept: "application/json" },
    auth: { username: "u", password: "p" },
  };

  it("gives transports with the same settings one instance, whatever the order of their headers", () => {
    const reordered = { ...base, headers: { Accept: "application/json", "User-Agent": "ua" } };
    expect(sharedAxios(base, fixed)).to.equal(sharedAxios(reordered, fixed));
  });

  it("keeps instances apart that differ in endpoint, timeout, headers, credentials or agent", () => {
    const first = sharedAxios(base, fixed);
    const others = [
      { ...base, baseURL: "https://other.example.test/" },
      { ...base, timeout: 1000 },
      { ...base, headers: { ...base.headers, "X-Domainrobot-Context": "4" } },
      { ...base, auth: { username: "u", password: "another" } },
      { ...base, httpsAgent: new Agent() },
    ].map((config) => sharedAxios(config, fixed));
    for (const other of others) expect(other).to.not.equal(first);
    expect(new Set(others).size).to.equal(others.length);
  });

  it("builds an instance with the shared settings and the fixed ones", () => {
    const instance = sharedAxios({ ...base, baseURL: "https://defaults.example.test/" }, fixed);
    expect(instance.defaults.baseURL).to.equal("https://defaults.example.test/");
    expect(instance.defaults.timeout).to.equal(30_000);
    expect(instance.defaults.responseType).to.equal("text");
    expect(instance.defaults.auth).to.deep.equal({ username: "u", password: "p" });
  });
});
