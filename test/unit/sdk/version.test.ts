// The User-Agent carries the package version; this keeps sdk/common/version.ts in step with package.json.
import { expect } from "chai";
import { readFileSync } from "node:fs";
import path from "node:path";
import { PACKAGE_NAME, PACKAGE_VERSION, USER_AGENT } from "../../../sdk/common/version";

describe("version", () => {
  const pkg = JSON.parse(readFileSync(path.resolve(__dirname, "../../../package.json"), "utf8")) as {
    name: string;
    version: string;
  };

  it("PACKAGE_VERSION and PACKAGE_NAME equal package.json's version and name", () => {
    expect(PACKAGE_VERSION).to.equal(pkg.version);
    expect(PACKAGE_NAME).to.equal(pkg.name);
  });

  it("the User-Agent is <name>/<version>", () => {
    expect(USER_AGENT).to.equal(`${pkg.name}/${pkg.version}`);
  });
});
