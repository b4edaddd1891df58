// Fixture pairs for the AutoDNS JSON REST client: each test replays a canned response from a
// loopback server, checks the request the client sent against the fixture, and the parsed result.
import { expect } from "chai";
import { AutodnsClientOptions, AutodnsJsonClient } from "../../../sdk/autodns";
import { ConnectionError } from "../../../sdk/common/errors";
import { noSleep, useFixtureReplay } from "../../support/fixtureReplay";
import { expectVendorError, rejectionOf } from "../../support/fixtures";
import { itFailsAsEachErrorFixture } from "../../support/errorFixtures";

const PASSWORD = "s3cr3t-Pa55word";
const CREDENTIALS = { user: "api-user", password: PASSWORD, context: 4 };
const SEED_RESPONSE_FULL_DETAILS = {
  name: "example.com",
  product: "QUICKSSLPREMIUM",
  lifetimeMonths: 12,
  software: "APACHE2",
  csr: "-----BEGIN CERTIFICATE REQUEST-----\nMIIBszCCARwCAQAwczELMAkGA1UEBhMCREUx\n-----END CERTIFICATE REQUEST-----\n",
  adminContactId: "100",
  technicalContactId: "101",
  subjectAlternativeNames: ["www.example.com", "mail.example.com"],
  authentication: {
    method: "DNS" as const,
    dns: "stvrvkg19vib8j5o1p35is3forhbo7zp.example.com.    300    IN    CNAME    s20170131154625.example.com.",
    provisioning: true,
  },
};

/** A JSON client for a fixture server's base URL; tests never sleep between retries. */
const jsonClient = (url: string, options: Partial<AutodnsClientOptions> = {}) =>
  new AutodnsJsonClient({ endpoint: `${url}/v1`, credentials: CREDENTIALS, sleep: noSleep, ...options });

describe("AutoDNS JSON client fixture pairs", () => {
  const fixtures = useFixtureReplay(jsonClient);
  const { replay } = fixtures;

  it("renew without details sends an empty PUT and reads job 4297539521 from the seed's response", async () => {
    const { result } = await replay("autodns", "renew-empty-body", (c) => c.renew("100"));
    expect(fixtures.server.requests).to.have.length(1);
    expect(result).to.deep.equal({
      jobId: "4297539521",
      jobStatus: undefined,
      statusCode: "N400106",
      statusText: "Certificate renew was started successfully.",
      stid: "20190627-app2-dev-23276",
      ctid: undefined,
    });
  });

  it("renew reads the German seed's response to the same job id", async () => {
    const { result } = await replay("autodns", "renew-empty-body-de", (c) => c.renew("100"));
    expect(result.jobId).to.equal("4297539521");
    expect(result.statusText).to.equal(
      "Laufzeitverlängerung für das Zertifikat wurde erfolgreich gestartet.",
    );
  });

  it("renew with details sends the full Certificate body, keys[]=dnsProvisioning and the ctid header", async () => {
    const { result } = await replay("autodns", "renew-full-certificate", (c) =>
      c.renew("100", SEED_RESPONSE_FULL_DETAILS, "request-100001"),
    );
    expect(result).to.deep.equal({
      jobId: "4297539588",
      jobStatus: undefined,
      statusCode: "N400106",
      statusText: "Certificate renew was started successfully.",
      stid: "20240915-app3-prod-81423",
      ctid: "request-100001",
    });
  });

  it("certificateInfo on the demo system sends context 1 and X-Domainrobot-Demo and normalizes dates to UTC", async () => {
    const { result: cert } = await replay("autodns", "certificate-info", (c) => c.certificateInfo("100"), {
      credentials: { user: "api-user", password: PASSWORD, context: 1 },
      demo: true,
    });
    expect(cert).to.deep.equal({
      id: "100",
      name: "example.com",
      product: "QUICKSSLPREMIUM",
      notAfter: "2022-12-25T22:59:59.000Z",
      // `payable`: the end of the paid term, apart from the certificate's `expire`.
      coverageEndsAt: "2022-12-24T23:00:00.000Z",
      lifetimeMonths: 12,
      software: "APACHE2",
      csr: "-----BEGIN CERTIFICATE REQUEST-----\nMIIBszCCARwCAQAwczELMAkGA1UEBhMCREUx\n-----END CERTIFICATE REQUEST-----\n",
      pem: "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG\n-----END CERTIFICATE-----\n",
      adminContactId: "100",
      technicalContactId: "101",
      subjectAlternativeNames: ["www.example.com", "mail.example.com"],
      created: "2021-12-20T09:15:30.000Z",
      updated: "2021-12-24T23:00:00.000Z",
    });
  });

  it("certificateSearch posts an id IN filter and reads every certificate, SANs as strings or objects", async () => {
    const { result: certs } = await replay("autodns", "certificate-search", (c) =>
      c.certificateSearch(["100", "101"]),
    );
    expect(certs.map((c) => [c.id, c.notAfter, c.lifetimeMonths, c.subjectAlternativeNames])).to.deep.equal([
      ["100", "2022-12-25T22:59:59.000Z", 24, ["www.example.com"]],
      ["101", "2023-06-30T21:59:59.000Z", undefined, []],
    ]);
  });

  it("jobInfo reads the job inside a CertificateJob, ids as strings", async () => {
    const { result: job } = await replay("autodns", "job-info", (c) => c.jobInfo("4297539521"));
    expect(job).to.deep.equal({
      id: "4297539521",
      status: "RUNNING",
      subStatus: "WAIT_FOR_AUTHENTICATION",
      action: "renew",
      objectValue: "example.com",
      created: "2022-10-01T07:30:00.000Z",
      updated: "2022-10-01T07:31:12.500Z",
    });
  });

  it("pendingRenewJobs searches by the documented keys and keeps only unfinished jobs of this certificate", async () => {
    const { result: jobs } = await replay("autodns", "pending-renew-jobs", (c) =>
      c.pendingRenewJobs({ id: "100", name: "example.com" }),
    );
    expect(jobs.map((j) => [j.id, j.status])).to.deep.equal([
      ["4297539599", "WAIT"],
      ["4297539521", "RUNNING"],
    ]);
  });
});

describe("AutoDNS JSON client error fixtures", () => {
  const fixtures = useFixtureReplay(jsonClient);
  const operations: Record<string, (c: AutodnsJsonClient) => Promise<unknown>> = {
    renew: (c) => c.renew("100", { adminContactId: "100", technicalContactId: "101" }),
    certificateInfo: (c) => c.certificateInfo("100"),
    certificateSearch: (c) => c.certificateSearch(["100"]),
    jobInfo: (c) => c.jobInfo("4297539521"),
    pendingRenewJobs: (c) => c.pendingRenewJobs({ id: "100", name: "example.com" }),
  };

  itFailsAsEachErrorFixture({
    group: "autodns/errors",
    vendor: "autodns",
    client: jsonClient,
    operations,
    secrets: [PASSWORD],
  });

  it("a renew whose connection drops mid-response becomes a ConnectionError that says the request may have arrived, sent once", async () => {
    const client = await fixtures.clientFor({
      truncate: {
        status: 200,
        headers: { "content-type": "application/json" },
        body: '{"stid":"x","data":[]}',
      },
      sendBytes: 8,
    });
    const error = await rejectionOf(client.renew("100"));
    expectVendorError(
      error,
      { class: "ConnectionError", messageIncludes: ["the request may have reached the vendor"] },
      "autodns",
      [PASSWORD],
    );
    expect((error as ConnectionError).requestSent).to.equal(true);
    expect(fixtures.server.requests).to.have.length(1);
  });
});
