// The AutoDNS clients against answers InterNetX itself published (help pages, its SDKs' tests) and
// real captures, as fixture pairs: test/fixtures/autodns/vendor-f*, autodns-xml/vendor-f*
// (numbered as in the project's vendor-fidelity review; F1–F3 and F8 are in the errors folders).
import { expect } from "chai";
import { XMLParser } from "fast-xml-parser";
import {
  AutodnsJsonClient,
  AutodnsXmlClient,
  autodnsJobOutcome,
  autodnsJobPending,
  renewsCertificate,
} from "../../../sdk/autodns";
import { resetRateLimits } from "../../../sdk/common/rateLimiter";
import { FixtureServer, startFixtureServer } from "../../support/fixtureServer";
import { expectRequest, loadFixture } from "../../support/fixtures";

const CREDENTIALS = { user: "api-user", password: "s3cr3t-Pa55word", context: 4 };

describe("AutoDNS clients against the vendor's own published answers", () => {
  let server: FixtureServer | undefined;

  async function jsonClient(group: string, name: string) {
    const fx = loadFixture(group, name);
    server = await startFixtureServer(fx.reply);
    return { fx, client: new AutodnsJsonClient({ endpoint: `${server.url}/v1`, credentials: CREDENTIALS }) };
  }
  async function xmlClient(name: string) {
    const fx = loadFixture("autodns-xml", name);
    server = await startFixtureServer(fx.reply);
    const credentials = { user: "USER", password: "PASSWORD", context: "CONTEXT" };
    return { fx, client: new AutodnsXmlClient({ endpoint: `${server.url}/gateway/`, credentials }) };
  }

  beforeEach(() => resetRateLimits());
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("F4: certificate info with the name, 12-month lifetime, contacts and a +0100 expiry", async () => {
    const { fx, client } = await jsonClient("autodns", "vendor-f4-certificate-info");
    const cert = await client.certificateInfo("1658471");
    expectRequest(server!.requests[0], fx);
    expect(cert).to.include({
      id: "1658471",
      name: "InterNetX Gmbh",
      product: "GLOBALSIGN_DOCUMENT_SIGNING",
      lifetimeMonths: 12,
      adminContactId: "100",
      notAfter: "2022-12-24T23:00:00.000Z",
      created: "2022-01-13T12:33:21.000Z",
    });
  });

  it("F5: certificate info carrying the server PEM (CRLF-terminated) and the CA chain", async () => {
    const { fx, client } = await jsonClient("autodns", "vendor-f5-certificate-with-chain");
    const cert = await client.certificateInfo("100");
    expectRequest(server!.requests[0], fx);
    expect(cert.name).to.equal("domain.de");
    expect(cert.pem).to.equal("-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\r\n");
    expect(cert.notAfter).to.equal("2020-02-09T12:00:00.000Z");
  });

  it("F6: job info reads the ObjectJob — the certificate's name from object.value, its id from object.data.id", async () => {
    const { fx, client } = await jsonClient("autodns", "vendor-f6-job-info");
    const job = await client.jobInfo("4299710353");
    expectRequest(server!.requests[0], fx);
    expect(job).to.deep.equal({
      id: "4299710353",
      status: "DEFERRED",
      subStatus: "WF_DNS_AUTH",
      action: "create",
      objectValue: "example.xn--p1ai",
      objectId: "1658050",
      created: "2021-03-29T13:48:25.000Z",
      updated: "2021-04-06T11:52:18.000Z",
    });
    expect(autodnsJobPending(job)).to.equal(true);
    // A create job of that certificate is not a renewal of it.
    expect(renewsCertificate(job, { id: "1658050", name: "example.xn--p1ai" })).to.equal(false);
  });

  it("F7 (JSON): the job list's ObjectJob items; a status spelt DEFFERED is still pending", async () => {
    const { fx, client } = await jsonClient("autodns", "vendor-f7-job-list");
    // The page's job is a `create`: listed, but no renewal of domain.de.
    expect(await client.renewJobs({ id: "1", name: "domain.de" })).to.deep.equal([]);
    expectRequest(server!.requests[0], fx);
    await server!.close();
    // The same answer for a renew job: adopted as pending (followed, never renewed again).
    const body = fx.responseText.replace('"action": "create"', '"action": "renew"');
    server = await startFixtureServer({ status: 200, headers: { "content-type": "application/json" }, body });
    const renewing = new AutodnsJsonClient({ endpoint: `${server.url}/v1`, credentials: CREDENTIALS });
    const pending = await renewing.pendingRenewJobs({ id: "1", name: "domain.de" });
    expect(pending.map((j) => [j.id, j.status, j.objectValue])).to.deep.equal([
      ["12345", "DEFFERED", "domain.de"],
    ]);
  });

  it("a FAILED job from the history: status, sub-status and the vendor's log text as its outcome", async () => {
    const { fx, client } = await jsonClient("autodns", "job-history-info-failed");
    const job = await client.jobHistoryInfo("4297539521");
    expectRequest(server!.requests[0], fx);
    expect(job).to.include({ id: "4297539521", status: "FAILED", subStatus: "CA_REJECTED", objectId: "100" });
    expect(autodnsJobOutcome(job)).to.equal(
      "AutoDNS job 4297539521 ended FAILED (CA_REJECTED): Domain control validation failed: no CNAME record found.",
    );
  });

  it("F7 (XML): task 400115 sends where/and blocks and order, and reads Berlin wall-time dates", async () => {
    const { fx, client } = await xmlClient("vendor-f7-job-list-400115");
    // The page's job is a `create`: it is listed but is no renewal of domain.de.
    expect(await client.renewJobs({ id: "1", name: "domain.de" })).to.deep.equal([]);
    expectRequest(server!.requests[0], fx);
    await server!.close();
    const body = fx.responseText.replace("<action>create</action>", "<action>renew</action>");
    server = await startFixtureServer({ status: 200, headers: { "content-type": "application/xml" }, body });
    const renewing = new AutodnsXmlClient({
      endpoint: `${server.url}/gateway/`,
      credentials: { user: "USER", password: "PASSWORD", context: "CONTEXT" },
    });
    expect(await renewing.pendingRenewJobs({ id: "1", name: "domain.de" })).to.deep.equal([
      {
        id: "12345",
        status: "DEFFERED",
        subStatus: "WF_EMAIL_AUTH",
        action: "renew",
        objectValue: "domain.de",
        created: "2019-10-23T14:12:33.000Z",
        updated: "2019-10-23T15:26:01.000Z",
      },
    ]);
  });

  it("F9: the 400114 request has the production module's task shape, and the job element reads as F7 prints it", async () => {
    const { fx, client } = await xmlClient("vendor-f9-job-info-400114");
    const job = await client.jobInfo("12345");
    expectRequest(server!.requests[0], fx);
    const task = new XMLParser({ parseTagValue: false }).parse(server!.requests[0].body).request.task;
    expect(task).to.deep.include({ code: "400114", certificate_job: { job: { id: "12345" } } });
    expect(job).to.include({ id: "12345", status: "DEFFERED", objectValue: "domain.de" });
    expect(job.created).to.equal("2019-10-23T14:12:33.000Z");
  });
});
