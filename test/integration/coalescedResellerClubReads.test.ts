// A refresh of many ResellerClub orders in one provider process reads the account's order list
// (`{api}/search.json`) once; an order the list cannot vouch for is read alone with its details.
import { expect } from "chai";
import type { ProviderInputs, ProviderOutputs } from "../../provider/inputs";
import { RenewedCertificateProvider } from "../../provider/provider";
import type { Sandbox } from "../../sandbox";
import { eachTestAnEngineOperation, requestsDuring } from "../support/providerInputs";
import { sandboxPerSuite } from "../support/sandboxSuite";

const DAY = 86_400_000;

for (const api of ["sslcert", "digitalcertificate"] as const) {
  describe(`ResellerClub ${api}: coalesced refresh reads`, function () {
    this.timeout(60_000);
    let sandbox: Sandbox;
    const provider = new RenewedCertificateProvider();
    sandboxPerSuite({ jobCompletion: {} }, (s) => (sandbox = s));
    eachTestAnEngineOperation(
      () => sandbox,
      () => sandbox.admin.setResellerClubSslcertEndtime(true),
    );

    const inputs = (id: string): ProviderInputs => ({
      certificateId: id,
      lifetimeMonths: 12,
      resellerclub: {
        endpoint: sandbox.urls.resellerclub,
        ...sandbox.credentials.resellerclub,
        invoiceOption: "NoInvoice",
        // "auto" (the default) settles the API on adoption; state then names it.
      },
    });

    async function adopted(n: number): Promise<{ id: string; rid: string; outs: ProviderOutputs }[]> {
      const notAfter = new Date(sandbox.admin.clock.now().getTime() + 60 * DAY).toISOString();
      const out = [];
      for (let i = 0; i < n; i++) {
        const { id } = await sandbox.admin.seedCertificate({ vendor: "resellerclub", notAfter, api });
        const created = await provider.create(inputs(id));
        out.push({ id, rid: created.id, outs: created.outs });
      }
      return out;
    }

    /** Refreshes `fleet` at once: the reads, and the ResellerClub routes they asked. */
    const refreshed = (fleet: { rid: string; outs: ProviderOutputs }[]) =>
      requestsDuring(sandbox, "resellerclub", () =>
        Promise.all(fleet.map((c) => provider.read(c.rid, c.outs))),
      );

    it("reads a fleet's expiries with one list request, as the details would", async () => {
      const fleet = await adopted(12);
      expect(fleet[0].outs.resellerclubApi).to.equal(api);
      const { result, routes } = await refreshed(fleet);
      expect(routes).to.deep.equal(["resellerclub.search"]);
      result.forEach((read, i) => {
        expect(read.props!.notAfter).to.equal(fleet[i].outs.notAfter);
        expect(read.props!.resellerclubApi).to.equal(api);
      });
    });

    it("reads alone an order whose expiry the list does not show", async () => {
      const fleet = await adopted(3);
      if (api === "sslcert") {
        // A vendor whose sslcert orders carry no endtime: the list vouches for nothing.
        sandbox.admin.setResellerClubSslcertEndtime(false);
        const { routes } = await refreshed(fleet);
        expect(routes.filter((r) => r === "resellerclub.search")).to.have.length(1);
        expect(routes.filter((r) => r === "resellerclub.details")).to.have.length(fleet.length);
      } else {
        const moved = {
          ...fleet[0].outs,
          notAfter: new Date(Date.parse(fleet[0].outs.notAfter!) - DAY).toISOString(),
        };
        const { result, routes } = await refreshed([{ rid: fleet[0].rid, outs: moved }, fleet[1]]);
        // The moved expiry reads the order alone (then its last action, to name the renewal).
        expect(routes.slice(0, 2)).to.deep.equal(["resellerclub.search", "resellerclub.details"]);
        expect(routes.filter((r) => r === "resellerclub.details")).to.have.length(1);
        expect(result[0].props!.notAfter).to.equal(fleet[0].outs.notAfter);
      }
    });

    it("reads every order alone when the list request fails", async () => {
      const fleet = await adopted(3);
      // A 4xx: the client does not repeat it, as it repeats a safe call's 5xx once.
      sandbox.admin.injectFault({ route: "resellerclub.search", kind: "status", status: 400 });
      const said: string[] = [];
      const write = process.stdout.write;
      process.stdout.write = ((line: string) => said.push(line) > 0) as typeof process.stdout.write;
      let outcome: Awaited<ReturnType<typeof refreshed>>;
      try {
        outcome = await refreshed(fleet);
      } finally {
        process.stdout.write = write;
      }
      const { result, routes } = outcome;
      expect(routes.filter((r) => r === "resellerclub.search")).to.have.length(1);
      expect(routes.filter((r) => r === "resellerclub.details")).to.have.length(fleet.length);
      result.forEach((read, i) => expect(read.props!.notAfter).to.equal(fleet[i].outs.notAfter));
      // Said once for the operation, with the vendor's answer, never the API key.
      const told = said.filter((l) => l.includes("could not list"));
      expect(told).to.have.length(1);
      expect(told[0]).to.match(new RegExp(`ResellerClub account's ${api} orders .*400.*one by one`));
      expect(told[0]).to.not.contain(sandbox.credentials.resellerclub.apiKey);
    });
  });
}
