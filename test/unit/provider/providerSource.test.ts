// RenewedCertificateProvider must run the lifecycle from source: tests that drive it would
// otherwise pass against the last build in dist/ while the source they edit is broken. Proven
// on the module graph Node records while the provider is loaded and driven in this process.
import { expect } from "chai";
import path from "node:path";
import type { ProviderInputs } from "../../../provider/inputs";
import { RenewedCertificateProvider } from "../../../provider/provider";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const inRepo = (...parts: string[]) => path.join(ROOT, ...parts);

/** Every module file the given module required, directly or through others. */
function modulesLoadedBy(filename: string): Set<string> {
  const seen = new Set<string>();
  const walk = (m: NodeModule): void => {
    if (seen.has(m.filename)) return;
    seen.add(m.filename);
    for (const child of m.children) walk(child);
  };
  const root = require.cache[filename];
  if (!root) throw new Error(`${filename} is not loaded`);
  walk(root);
  return seen;
}

describe("RenewedCertificateProvider runs the source, not the build", () => {
  it("loads provider/lifecycle.ts and the policy from source, and nothing from dist/ or the serialized forwarder", async () => {
    // Inputs as the engine may send them: incomplete, so check has something to refuse.
    const incomplete = { certificateId: "100" } as ProviderInputs;
    const result = await new RenewedCertificateProvider().check(incomplete, incomplete);
    expect(result.failures, "the source lifecycle validated the inputs").to.have.length.greaterThan(0);

    const loaded = modulesLoadedBy(require.resolve("../../../provider/provider"));
    expect(loaded).to.include(inRepo("provider", "lifecycle.ts"));
    expect(loaded).to.include(inRepo("provider", "renewalPolicy.ts"));
    expect(loaded).to.include(inRepo("provider", "validation.ts"));
    const built = [...loaded].filter((f) => f.startsWith(inRepo("dist") + path.sep));
    expect(built, "modules loaded from the last build").to.deep.equal([]);
    expect(loaded, "only the serialized provider forwards by package path").not.to.include(
      inRepo("provider", "serializedProvider.ts"),
    );
  });
});
