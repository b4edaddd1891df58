// Fixture pairs for the Symantec/DigiCert VICE2 client. The client is pointed at an http://
// loopback server: for http URLs axios uses its plain agent, so the TLS client-certificate agent is
// simply not involved and the form encoding and XML handling can be checked on their own.
import { expect } from "chai";
import { ConnectionError } from "../../../sdk/common/errors";
import {
  SymantecClient,
  SymantecClientOptions,
  SymantecRenewRequest,
  symantecTlsError,
} from "../../../sdk/symantec";
import { noSleep, useFixtureReplay } from "../../support/fixtureReplay";
import { SEED_RENEWAL } from "../../support/symantecRequests";
import { expectVendorError, rejectionOf } from "../../support/fixtures";
import { itFailsAsEachErrorFixture } from "../../support/errorFixtures";
import { withAdvice } from "../../../provider/backends/errorAdvice";
import { VENDOR_APIS } from "../../../provider/backends/vendorApis";

const CLIENT_KEY =
  "-----BEGIN PRIVATE KEY-----\nTUlJRXZRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lCQVFD\n-----END PRIVATE KEY-----\n";
const CLIENT_CERT =
  "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG\n-----END CERTIFICATE-----\n";

const CLIENT_KEYS = { clientCertificate: CLIENT_CERT, clientKey: CLIENT_KEY };
const VICE2_PATH = "/vswebservices/rest/services";

const ALL_FIELDS: SymantecRenewRequest = {
  firstName: "Jane",
  lastName: "Roe",
  email: "pki-admin@example.com,security@example.com",
  csr: "-----BEGIN CERTIFICATE REQUEST-----\nMIIBszCCARwCAQAwczELMAkGA1UEBhMCREUx\n-----END CERTIFICATE REQUEST-----\n",
  certProductType: "GlobalServer",
  serverType: "Apache",
  validityPeriod: "2Y",
  specificEndDate: "12/31/2026",
  originalCertificate:
    "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG\n-----END CERTIFICATE-----\n",
  originalTransactionId: "6b671d141321a8d743ab5616051d4ec",
  originalChallenge: "old challenge",
  challenge: "n3w&challenge",
  subjectAlternativeNames: ["www.example.com", "mail.example.com"],
  signatureAlgorithm: "sha256WithRSAEncryption",
  ctLogOption: "nolog",
};

/** A client for a fixture server's http:// base URL (so the TLS agent is not involved). */
const symantecClient = (url: string, options: Partial<SymantecClientOptions> = {}) =>
  new SymantecClient({ endpoint: `${url}${VICE2_PATH}`, ...CLIENT_KEYS, sleep: noSleep, ...options });

describe("Symantec/DigiCert client fixture pairs", () => {
  const fixtures = useFixtureReplay(symantecClient);
  const { replay } = fixtures;

  it("renew form-encodes the seed's values and reads transaction 98345f3ebc1ba8d743ab5616051d4ff3 from the seed's response", async () => {
    const { result } = await replay("symantec", "renew-seed", (c) => c.renew(SEED_RENEWAL));
    expect(fixtures.server.requests).to.have.length(1);
    expect(result).to.deep.equal({
      statusCode: "0x00",
      message: "success",
      transactionId: "98345f3ebc1ba8d743ab5616051d4ff3",
      certificatePem:
        "-----BEGIN CERTIFICATE-----\n2aqMj1qYBueyV/lx7py5lvEE+4FL/vRRO1qT......\n-----END CERTIFICATE-----\n",
    });
  });

  it("renew sends every field of the seed's own request that the renew table documents, with the same values", async () => {
    const { fx } = await replay("symantec", "renew-seed", (c) => c.renew(SEED_RENEWAL));
    const [requestLine, ...rest] = fx.file("seed-request.txt").split("\n");
    const headerLines = rest.filter((l) => /^[A-Za-z-]+: /.test(l));
    const seedForm = new URLSearchParams(rest.filter((l) => !headerLines.includes(l)).join(""));
    const [method, url] = requestLine.split(" ");
    const sent = fixtures.server.requests[0];
    expect(sent.method).to.equal(method);
    expect(sent.path).to.equal(new URL(url).pathname);
    expect(sent.headers["content-type"]).to.equal(
      headerLines.find((l) => l.startsWith("Content-Type: "))!.slice("Content-Type: ".length),
    );
    const sentForm = new URLSearchParams(sent.body);
    // middleInitial and employeeID are not in the seed's renew field table; empty fields are omitted.
    const undocumented = new Set(["middleInitial", "employeeID"]);
    const compared = [...seedForm].filter(([k, v]) => v !== "" && !undocumented.has(k));
    expect(compared.map(([k]) => k)).to.deep.equal([
      "original_transaction_id",
      "firstName",
      "lastName",
      "email",
      "serverType",
    ]);
    for (const [k, v] of compared) expect(sentForm.get(k), k).to.equal(v);
    for (const [k, v] of seedForm) if (v === "") expect(sentForm.has(k), k).to.equal(false);
  });

  it("renew with every field encodes comma lists, the PEM CSR, the bare original certificate and reserved characters", async () => {
    const { result } = await replay("symantec", "renew-all-fields", (c) => c.renew(ALL_FIELDS));
    expect(result).to.deep.equal({
      statusCode: "0x00",
      message: "success",
      transactionId: "a1b2c3d4e5f60718293a4b5c6d7e8f90",
      certificatePem:
        "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG\n9w0BAQsFADBaMQswCQYDVQQGEwJJRTESMBAG\n-----END CERTIFICATE-----\n",
    });
  });

  it("pickup sends GET ?transaction_id= and returns the PEM", async () => {
    const { result } = await replay("symantec", "pickup", (c) =>
      c.pickup("98345f3ebc1ba8d743ab5616051d4ff3"),
    );
    expect(result.transactionId).to.equal("98345f3ebc1ba8d743ab5616051d4ff3");
    expect(result.certificatePem).to.equal(
      "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG\n9w0BAQsFADBaMQswCQYDVQQGEwJJRTESMBAG\n-----END CERTIFICATE-----\n",
    );
  });
});

/** What the client makes of a TLS handshake that failed with `code` before the request was sent. */
function tlsFailure(operation: string, code: string) {
  const failure = new ConnectionError("x", { vendor: "symantec", operation, requestSent: false, code });
  return symantecTlsError(failure, "https://pilot.example");
}

describe("Symantec/DigiCert client error fixtures", () => {
  const fixtures = useFixtureReplay(symantecClient);
  const request: SymantecRenewRequest = {
    ...SEED_RENEWAL,
    originalChallenge: "orig-ch4llenge-secret",
    challenge: "new-ch4llenge-secret",
  };
  const secrets = ["orig-ch4llenge-secret", "new-ch4llenge-secret", "TUlJRXZRSUJBREFOQmdrcWhraUc5dzBC"];
  const operations: Record<string, (c: SymantecClient) => Promise<unknown>> = {
    renew: (c) => c.renew(request),
    pickup: (c) => c.pickup("98345f3ebc1ba8d743ab5616051d4ff3"),
  };

  itFailsAsEachErrorFixture({
    group: "symantec/errors",
    vendor: "symantec",
    client: (url) => symantecClient(url),
    operations,
    secrets,
  });

  it("a renew answered with HTTP 503 is not repeated (Symantec has no idempotency key)", async () => {
    const client = await fixtures.clientFor({
      status: 503,
      headers: { "content-type": "text/html" },
      body: "<p>down",
    });
    const error = await rejectionOf(client.renew(request));
    expectVendorError(
      error,
      { class: "DecodeError", status: 503, messageIncludes: ["HTTP 503"] },
      "symantec",
    );
    expect(fixtures.server.requests).to.have.length(1);
  });

  it("an untrusted server certificate becomes a ConnectionError naming symantec.caCertificate", () => {
    const error = tlsFailure("renew", "SELF_SIGNED_CERT_IN_CHAIN");
    expectVendorError(error, { class: "ConnectionError", messageIncludes: ["not trusted"] }, "symantec");
    expect(error).to.have.property("phase", "tls");
    // The wording moved: the input to set is the provider's advice, asserted on the advised message.
    const advised = withAdvice(error, VENDOR_APIS.symantec.credentials) as Error;
    expect(advised.message).to.include("symantec.caCertificate");
  });

  it("a refused client certificate during the handshake becomes an AuthenticationError naming the key inputs", () => {
    const error = tlsFailure("pickup", "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED");
    expectVendorError(
      error,
      {
        class: "AuthenticationError",
        messageIncludes: ["refused the TLS client certificate", "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED"],
      },
      "symantec",
    );
    const advised = withAdvice(error, VENDOR_APIS.symantec.credentials) as Error;
    for (const input of ["symantec.clientCertificate", "symantec.clientKey", "SYMANTEC_CLIENT_KEY"])
      expect(advised.message).to.include(input);
  });
});
