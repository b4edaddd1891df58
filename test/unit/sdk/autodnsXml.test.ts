// Fixture pairs for the AutoDNS XML gateway client, including the seed's own 400106 request and
// response. The gateway reports errors on HTTP 200, so error fixtures check error blocks too.
import { expect } from "chai";
import { AutodnsRenewalDetails, AutodnsXmlClient, AutodnsClientOptions } from "../../../sdk/autodns";
import { parseXml } from "../../../sdk/common/xml";
import { useFixtureReplay } from "../../support/fixtureReplay";
import { loadFixture, rejectionOf } from "../../support/fixtures";
import { itFailsAsEachErrorFixture } from "../../support/errorFixtures";

/** The seed's 400106 payload, as client input (the SAN typo `san1.example.com>` fixed). */
function seedDetails(name: string): AutodnsRenewalDetails {
  return {
    product: "QUICKSSLPREMIUM",
    lifetimeMonths: 12,
    software: "APACHE2",
    csr: "-----BEGIN CERTIFICATE REQUEST----- ... -----END CERTIFICATE REQUEST-----",
    name,
    adminContactId: "100",
    technicalContactId: "100",
    subjectAlternativeNames: ["san1.example.com", "san1.example.com", "san1.example.com"],
    authentication: {
      method: "DNS",
      dns: "stvrvkg19vib8j5o1p35is3forhbo7zp.example.com.    300    IN    CNAME    s20170131154625.example.com.",
      provisioning: true,
    },
  };
}

/** The seed's request credentials, so the client's document can be compared with the seed's. */
const SEED_CREDENTIALS = { user: "USER", password: "PASSWORD", context: "CONTEXT" };

/** An XML gateway client for a fixture server's base URL, with the given credentials. */
function xmlClient(credentials: AutodnsClientOptions["credentials"]) {
  return (url: string) =>
    new AutodnsXmlClient({ endpoint: `${url}/gateway/`, credentials, sleep: async () => {} });
}

describe("AutoDNS XML client fixture pairs", () => {
  const fixtures = useFixtureReplay(xmlClient(SEED_CREDENTIALS));
  const { replay } = fixtures;

  for (const [caseName, certName] of [
    ["renew-400106-seed", "example.com"],
    ["renew-400106-seed-de", "domain.com"],
  ] as const) {
    it(`${caseName}: the seed's full 400106 payload is sent and its response yields job 4295014838`, async () => {
      const { result } = await replay("autodns-xml", caseName, (c) =>
        c.renew("100", seedDetails(certName), "request-100001"),
      );
      expect(fixtures.server.requests).to.have.length(1);
      expect(result).to.deep.include({
        jobId: "4295014838",
        jobStatus: "RUNNING",
        statusCode: "N400106",
        ctid: "request-100001",
        stid: undefined,
      });
    });

    it(`${caseName}: the client's document has the same tree as the seed's request (typo fixed)`, async () => {
      const { fx } = await replay("autodns-xml", caseName, (c) =>
        c.renew("100", seedDetails(certName), "request-100001"),
      );
      const seed = fx.file("seed-request.xml");
      expect(seed, "the seed fixture keeps the seed's typo verbatim").to.include(
        "<name>san1.example.com></name>",
      );
      const fixedSeed = seed.replace("<name>san1.example.com></name>", "<name>san1.example.com</name>");
      expect(parseXml(fixtures.server.requests[0].body)).to.deep.equal(parseXml(fixedSeed));
    });
  }

  it("renew with only the certificate id sends the minimal document and reads the stid", async () => {
    const { result } = await replay("autodns-xml", "renew-400106-minimal", (c) => c.renew("100"));
    expect(result).to.deep.equal({
      jobId: "4295014901",
      jobStatus: "RUNNING",
      statusCode: "N400106",
      statusText: "Certificate renew was started successfully.",
      stid: "20240915-app4-prod-55120",
      ctid: undefined,
    });
  });

  it("certificateInfo (400104) reads expiry (Berlin wall time), PEM, contacts and repeated SANs", async () => {
    const { result: cert } = await replay("autodns-xml", "certificate-info-400104", (c) =>
      c.certificateInfo("100"),
    );
    expect(cert).to.deep.equal({
      id: "100",
      name: "example.com",
      product: "QUICKSSLPREMIUM",
      // `2022-12-25 23:59:59` on the gateway is Berlin time (CET, UTC+1), not UTC.
      notAfter: "2022-12-25T22:59:59.000Z",
      lifetimeMonths: 12,
      software: "APACHE2",
      csr: "-----BEGIN CERTIFICATE REQUEST-----\nMIIBszCCARwCAQAwczELMAkGA1UEBhMCREUx\n-----END CERTIFICATE REQUEST-----",
      pem: "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG\n-----END CERTIFICATE-----",
      adminContactId: "100",
      technicalContactId: "101",
      subjectAlternativeNames: ["www.example.com", "mail.example.com"],
      created: "2021-12-20T09:15:30.000Z",
      updated: "2021-12-24T23:00:00.000Z",
    });
  });

  it("jobInfo (400114) reads the job's state with its id as a string", async () => {
    const { result: job } = await replay("autodns-xml", "job-info-400114", (c) => c.jobInfo("4295014838"));
    expect(job).to.deep.equal({
      id: "4295014838",
      status: "SUCCESS",
      subStatus: "DONE",
      action: "renew",
      // Berlin summer time (CEST, UTC+2).
      created: "2022-10-01T07:30:00.000Z",
      updated: "2022-10-02T09:00:00.000Z",
    });
  });
});

describe("AutoDNS XML client error fixtures", () => {
  const PASSWORD = "xml-gw-s3cr3t";
  const fixtures = useFixtureReplay(xmlClient({ user: "xml-user", password: PASSWORD, context: 4 }));
  const operations: Record<string, (c: AutodnsXmlClient) => Promise<unknown>> = {
    renew: (c) => c.renew("100"),
    certificateInfo: (c) => c.certificateInfo("100"),
    jobInfo: (c) => c.jobInfo("4295014838"),
  };

  itFailsAsEachErrorFixture({
    group: "autodns-xml/errors",
    vendor: "autodns",
    client: xmlClient({ user: "xml-user", password: PASSWORD, context: 4 }),
    operations,
    secrets: [PASSWORD],
  });

  it("a renew refused on HTTP 200 is sent exactly once", async () => {
    const fx = loadFixture("autodns-xml/errors", "renew-window-ef4001012-on-http-200");
    const client = await fixtures.clientFor(fx.reply);
    await rejectionOf(client.renew("100"));
    expect(fixtures.server.requests).to.have.length(1);
  });
});
