// The sandbox's success and error bodies compared field for field with the vendors' own examples
// (test/fixtures/seed/, copied verbatim): same elements in the same order, same constant values;
// "…" in an example matches any text; ids and timestamps are named where they may differ.
import { expect } from "chai";
import axios, { AxiosRequestConfig } from "axios";
import * as fs from "node:fs";
import * as https from "node:https";
import * as path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { SANDBOX_SEED, Sandbox, createCsr, startSandbox } from "../../sandbox";

const SEED_DIR = path.join(__dirname, "..", "fixtures", "seed");
const seed = (name: string) => fs.readFileSync(path.join(SEED_DIR, name), "utf8");
const xml = new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: true });

/** Deep comparison with "…" wildcards in template strings and `free` paths that only need a value. */
function expectLike(actual: unknown, template: unknown, free: string[] = [], at = "$"): void {
  if (free.includes(at)) {
    expect(actual, at).to.not.equal(undefined);
    return;
  }
  if (typeof template === "string" && template.includes("…")) {
    const pattern = template
      .split("…")
      .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*");
    expect(String(actual), at).to.match(new RegExp(`^${pattern}$`, "s"));
  } else if (Array.isArray(template)) {
    expect(actual, at).to.be.an("array").with.length(template.length);
    template.forEach((t, i) => expectLike((actual as unknown[])[i], t, free, `${at}[${i}]`));
  } else if (template && typeof template === "object") {
    expect(actual, at).to.be.an("object");
    expect(Object.keys(actual as object), `keys of ${at}`).to.deep.equal(Object.keys(template));
    for (const [k, v] of Object.entries(template))
      expectLike((actual as Record<string, unknown>)[k], v, free, `${at}.${k}`);
  } else {
    expect(actual, at).to.deep.equal(template);
  }
}

const raw: AxiosRequestConfig = {
  responseType: "text",
  transformResponse: (d: string) => d,
  validateStatus: () => true,
};

describe("sandbox wire formats match the vendors' examples", () => {
  let sandbox: Sandbox;
  let autodnsAuth: AxiosRequestConfig;

  before(async () => {
    sandbox = await startSandbox({ now: "2030-01-15T12:00:00.000Z", jobCompletion: { afterSeconds: 0 } });
    const { user, password, context } = sandbox.credentials.autodns;
    autodnsAuth = {
      ...raw,
      auth: { username: user, password },
      headers: { "X-Domainrobot-Context": String(context) },
    };
  });
  beforeEach(async () => {
    await sandbox.admin.reset();
  });
  after(async () => {
    await sandbox.close();
  });

  it("AutoDNS JSON renew answers like the seed's response (job id and stid aside)", async () => {
    const res = await axios.put(`${sandbox.urls.autodnsJson}/certificate/100/_renew`, "{\n}", autodnsAuth);
    expect(res.status).to.equal(200);
    expect(res.headers["content-type"]).to.match(/^application\/json/);
    const body = JSON.parse(res.data as string) as { stid: string; data: { id: unknown }[] };
    expectLike(body, JSON.parse(seed("autodns-json-renew-response.json")), ["$.stid", "$.data[0].id"]);
    expect(body.stid).to.match(/^\d{8}-app\d-\d+$/);
    expect(body.data[0].id).to.be.a("number");
  });

  it("AutoDNS XML renew answers the seed's request with the seed's response, byte for byte but the job id", async () => {
    const { user, password, context } = sandbox.credentials.autodns;
    const request = seed("autodns-xml-renew-request.xml")
      .replace("<user>USER</user>", `<user>${user}</user>`)
      .replace("<password>PASSWORD</password>", `<password>${password}</password>`)
      .replace("<context>CONTEXT</context>", `<context>${context}</context>`)
      .replace(
        "-----BEGIN CERTIFICATE REQUEST----- ... -----END CERTIFICATE REQUEST-----",
        await createCsr("example.com"),
      );
    const res = await axios.post(sandbox.urls.autodnsXml, request, {
      ...raw,
      headers: { "Content-Type": "application/xml" },
    });
    expect(res.status).to.equal(200);
    const jobId = /<id>(\d+)<\/id>/.exec(res.data as string)![1];
    // afterSeconds 0 finishes the job at once; the seed shows it still RUNNING.
    const answer = (res.data as string)
      .replace(jobId, "4295014838")
      .replace("<status>SUCCESS</status>", "<status>RUNNING</status>");
    expect(answer).to.equal(seed("autodns-xml-renew-response.xml"));
  });

  it("AutoDNS JSON errors have the documented envelope on HTTP 400", async () => {
    const res = await axios.put(`${sandbox.urls.autodnsJson}/certificate/102/_renew`, "", autodnsAuth);
    expect(res.status).to.equal(400);
    const body = JSON.parse(res.data as string) as { messages: { code: string }[] };
    expectLike(body, JSON.parse(seed("vendor-apis-autodns-json-error.json")));
    expect(body.messages[0].code).to.equal("EF4001012");
  });

  it("AutoDNS XML errors have the documented <msg>/<status> blocks on HTTP 200", async () => {
    const { user, password, context } = sandbox.credentials.autodns;
    const request =
      `<request><auth><user>${user}</user><password>${password}</password><context>${context}</context></auth>` +
      `<task><certificate><id>100</id><lifetime>many</lifetime></certificate><code>400106</code></task></request>`;
    const res = await axios.post(sandbox.urls.autodnsXml, request, raw);
    expect(res.status).to.equal(200);
    expectLike(xml.parse(res.data as string), xml.parse(seed("vendor-apis-autodns-xml-error.xml")));
  });

  it("AutoDNS XML certificate lists (400105) honour the documented order and refuse an unknown key", async () => {
    const { user, password, context } = sandbox.credentials.autodns;
    const list = (order: string) =>
      axios.post(
        sandbox.urls.autodnsXml,
        `<request><auth><user>${user}</user><password>${password}</password><context>${context}</context></auth>` +
          `<task><code>400105</code><view><offset>0</offset><limit>0</limit></view>${order}</task></request>`,
        raw,
      );
    const ids = (body: string) => [...body.matchAll(/<id>(\d+)<\/id>/g)].map((m) => Number(m[1]));
    const ascending = ids((await list("<order><key>id</key><mode>asc</mode></order>")).data as string);
    const descending = ids((await list("<order><key>id</key><mode>desc</mode></order>")).data as string);
    expect(ascending.length).to.be.above(1);
    expect(descending).to.deep.equal([...ascending].reverse());
    const refused = (await list("<order><key>payable</key></order>")).data as string;
    expect(refused).to.contain("EF01000").and.to.contain("order.key");
  });

  it("Symantec renew answers like the seed's response (transaction id and certificate aside)", async () => {
    // The seed's form sample, re-joined where the page wrapped it, completed with the required fields.
    const form = new URLSearchParams(seed("symantec-renew-request.txt").replace(/\n/g, ""));
    form.set("csr", await createCsr("www.example.net"));
    form.set("certProductType", "Server");
    form.set("validityPeriod", "1Y");
    form.set("original_challenge", SANDBOX_SEED.symantec.transactions[0].challenge);
    form.set("challenge", "next-challenge");
    const { clientCertificate, clientKey, caCertificate } = sandbox.credentials.symantec;
    const agent = new https.Agent({ cert: clientCertificate, key: clientKey, ca: caCertificate });
    const res = await axios.post(`${sandbox.urls.symantec}/renew`, form.toString(), {
      ...raw,
      httpsAgent: agent,
    });
    agent.destroy();
    expect(res.status).to.equal(200);
    expect(res.headers["content-type"]).to.match(/^text\/xml/);
    // The seed spells the element `transaction_id`; the vendor's own clients and QA code
    // (sapcc/go-vice, Netflix/lemur, VENDOR-FIDELITY S12-S14) read `Transaction_ID`, which the
    // sandbox sends: apart from that spelling the answer is the seed's.
    const normalize = (text: string) =>
      text
        .replace(/<transaction_id>[^<]*<\/transaction_id>/i, "<transaction_id>ID</transaction_id>")
        .replace(/-----BEGIN CERTIFICATE-----[^-]*/, "PEM");
    expect(normalize(res.data as string)).to.equal(normalize(seed("symantec-renew-response.xml")));
    expect(res.data).to.match(/<Transaction_ID>[0-9a-f]{32}<\/Transaction_ID>/);
  });

  it("Symantec errors are <Error> documents with a StatusCode and Message", async () => {
    const { clientCertificate, clientKey, caCertificate } = sandbox.credentials.symantec;
    const agent = new https.Agent({ cert: clientCertificate, key: clientKey, ca: caCertificate });
    const res = await axios.get(`${sandbox.urls.symantec}/pickup?transaction_id=unknown`, {
      ...raw,
      httpsAgent: agent,
    });
    agent.destroy();
    expectLike(xml.parse(res.data as string), xml.parse(seed("vendor-apis-symantec-error.xml")));
  });

  it("ResellerClub renew returns the documented flat map, key for key", async () => {
    const order = SANDBOX_SEED.resellerclub.orders[0];
    const { authUserId, apiKey } = sandbox.credentials.resellerclub;
    const details = await axios.get(`${sandbox.urls.resellerclub}/digitalcertificate/details.json`, {
      params: { "auth-userid": authUserId, "api-key": apiKey, "order-id": order.id },
    });
    const form = new URLSearchParams({
      "auth-userid": authUserId,
      "api-key": apiKey,
      "order-id": order.id,
      years: "1",
      "additional-licenses": "0",
      "exp-date": (details.data as { endtime: string }).endtime,
      "invoice-option": "PayInvoice",
    });
    const res = await axios.post(
      `${sandbox.urls.resellerclub}/digitalcertificate/renew.json`,
      form.toString(),
      raw,
    );
    expect(res.status).to.equal(200);
    expectLike(
      JSON.parse(res.data as string),
      JSON.parse(seed("vendor-apis-resellerclub-renew-response.json")),
    );
  });

  it("ResellerClub errors are HTTP 500 {status: ERROR, message}", async () => {
    const res = await axios.get(
      `${sandbox.urls.resellerclub}/sslcert/details.json?auth-userid=1&api-key=x&order-id=1`,
      raw,
    );
    expect(res.status).to.equal(500);
    expectLike(JSON.parse(res.data as string), JSON.parse(seed("vendor-apis-resellerclub-error.json")));
  });

  it("ResellerClub answers .xml calls as a LogicBoxes hashtable", async () => {
    const { authUserId, apiKey } = sandbox.credentials.resellerclub;
    const query = new URLSearchParams({
      "auth-userid": authUserId,
      "api-key": apiKey,
      "order-id": SANDBOX_SEED.resellerclub.orders[1].id,
    });
    const res = await axios.get(`${sandbox.urls.resellerclub}/sslcert/details.xml?${query}`, raw);
    const entries = (xml.parse(res.data as string) as { hashtable: { entry: { string: string[] }[] } })
      .hashtable.entry;
    const map = Object.fromEntries(entries.map((e) => e.string));
    expect(map).to.include({ orderid: SANDBOX_SEED.resellerclub.orders[1].id, currentstatus: "Active" });
    expect(map.endtime).to.match(/^\d+$/);
  });
});
