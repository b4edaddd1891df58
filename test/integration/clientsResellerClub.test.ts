// The ResellerClub client against the sandbox: both renew calls, order details, current actions,
// invoice options, and every rule as a typed error carrying the vendor's message.
import { expect } from "chai";
import axios from "axios";
import { SANDBOX_SEED, Sandbox, createCsr } from "../../sandbox";
import { sandboxClients } from "../../sandbox/sdkClients";
import { AuthenticationError, NotFoundError, VendorError, VendorRuleError } from "../../sdk/common/errors";
import {
  DigitalCertificateRenewRequest,
  RESELLERCLUB_TEXTS,
  ResellerClubClient,
  readResellerClubResponse,
} from "../../sdk/resellerclub";
import { rejection } from "../support/fixtures";
import { sandboxPerSuite } from "../support/sandboxSuite";

const START = "2030-01-15T12:00:00.000Z";
const [DIGITAL, SSLCERT] = SANDBOX_SEED.resellerclub.orders;

function expectText(error: VendorError, text: string): void {
  expect(error.vendor).to.equal("resellerclub");
  expect(error.status).to.equal(500);
  expect(error.vendorText).to.equal(text);
}

describe("ResellerClub client against the sandbox", () => {
  let sandbox: Sandbox;
  let client: ResellerClubClient;

  const renewal = async (overrides: Partial<DigitalCertificateRenewRequest> = {}) => {
    const order = await client.orderDetails(DIGITAL.id, "digitalcertificate");
    return {
      orderId: DIGITAL.id,
      years: 1,
      additionalLicenses: 0,
      expDate: Date.parse(order.notAfter!) / 1000,
      invoiceOption: "NoInvoice" as const,
      ...overrides,
    };
  };

  sandboxPerSuite({ now: START, jobCompletion: {} }, (s) => {
    sandbox = s;
    client = sandboxClients(s).resellerclub;
  });

  it("reads order details of both APIs with endtime as the expiry", async () => {
    const digital = await client.orderDetails(DIGITAL.id, "digitalcertificate");
    expect(digital).to.include({
      orderId: DIGITAL.id,
      currentStatus: "Active",
      domainName: DIGITAL.commonName,
    });
    expect(digital.notAfter!.slice(0, 10)).to.equal("2030-02-04");
    expect(digital.raw.endtime).to.match(/^\d+$/);
    const ssl = await client.orderDetails(SSLCERT.id, "sslcert");
    expect(ssl.domainName).to.equal(SSLCERT.commonName);
  });

  it("renews a digitalcertificate order (the seed's call) and tracks the action to Success", async () => {
    const csrString = await createCsr(DIGITAL.commonName);
    const result = await client.renewDigitalCertificate(
      await renewal({ attributes: { csrString, software: "Other" } }),
    );
    expect(result).to.include({
      entityId: DIGITAL.id,
      actionStatus: "PendingExecution",
      status: "PendingExecution",
    });
    expect(result.eaqId).to.match(/^\d+$/);
    expect(result.actionTypeDesc).to.equal(`Renewal of ${DIGITAL.commonName} for 1 year`);
    const [action] = await client.currentActions({ eaqIds: [result.eaqId] });
    expect(action).to.include({ eaqId: result.eaqId, orderId: DIGITAL.id, actionStatus: "PendingExecution" });
    await sandbox.admin.completeJob(result.eaqId);
    const [done] = await client.currentActions({ orderIds: [DIGITAL.id] });
    expect(done.actionStatus).to.equal("Success");
    expect(done.completed).to.be.a("string");
    expect((await client.orderDetails(DIGITAL.id, "digitalcertificate")).notAfter!.slice(0, 10)).to.equal(
      "2031-02-04",
    );
  });

  it("renews an sslcert order by months", async () => {
    const result = await client.renewSslCert({
      orderId: SSLCERT.id,
      months: 24,
      invoiceOption: "KeepInvoice",
    });
    expect(result.invoiceId).to.match(/^\d+$/);
    expect(result.actionTypeDesc).to.equal(`Renewal of ${SSLCERT.commonName} for 24 months`);
    await sandbox.admin.completeJob(result.eaqId);
    expect((await client.orderDetails(SSLCERT.id, "sslcert")).notAfter!.slice(0, 10)).to.equal("2032-02-04");
    expect(sandbox.admin.renewalCount("resellerclub", SSLCERT.id)).to.equal(1);
  });

  it("refuses a second renewal while an action is pending", async () => {
    await client.renewDigitalCertificate(await renewal());
    const error = await rejection(client.renewDigitalCertificate(await renewal()), VendorRuleError);
    expectText(error, RESELLERCLUB_TEXTS.pendingAction);
    expect(sandbox.admin.renewalCount("resellerclub", DIGITAL.id)).to.equal(1);
  });

  it("refuses an exp-date that is not the order's current expiry", async () => {
    const request = await renewal();
    const error = await rejection(
      client.renewDigitalCertificate({ ...request, expDate: request.expDate - 86400 }),
      VendorRuleError,
    );
    expectText(error, RESELLERCLUB_TEXTS.staleExpiry);
  });

  it("keeps PayInvoice pending on too little balance until the admin completes it", async () => {
    sandbox.admin.setBalance(1);
    const result = await client.renewDigitalCertificate(await renewal({ invoiceOption: "PayInvoice" }));
    expect(result.actionStatus).to.equal("InvoicePaymentPending");
    expect((await client.currentActions({ eaqIds: [result.eaqId] }))[0].actionStatus).to.equal(
      "InvoicePaymentPending",
    );
    await sandbox.admin.completeJob(result.eaqId);
    expect((await client.currentActions({ eaqIds: [result.eaqId] }))[0].actionStatus).to.equal("Success");
  });

  it("pays PayInvoice from a sufficient balance and proceeds like a job", async () => {
    const result = await client.renewDigitalCertificate(await renewal({ invoiceOption: "PayInvoice" }));
    expect(result.actionStatus).to.equal("PendingExecution");
    expect(result.raw.sellingamount).to.equal("-7.910");
    expect(sandbox.admin.balance()).to.be.closeTo(SANDBOX_SEED.resellerclub.balance - 7.91, 0.001);
  });

  it("keeps OnlyAdd pending", async () => {
    const result = await client.renewSslCert({ orderId: SSLCERT.id, months: 12, invoiceOption: "OnlyAdd" });
    expect(result.actionStatus).to.equal("InvoicePaymentPending");
  });

  it("reports a failed action as Failed with the reason", async () => {
    const result = await client.renewSslCert({ orderId: SSLCERT.id, months: 12, invoiceOption: "NoInvoice" });
    await sandbox.admin.failJob(result.eaqId, "Validation expired.");
    const [action] = await client.currentActions({ eaqIds: [result.eaqId] });
    expect(action).to.include({ actionStatus: "Failed", actionStatusDesc: "Validation expired." });
  });

  it("refuses a wrong api-key as AuthenticationError", async () => {
    const bad = sandboxClients(sandbox, { resellerclub: { apiKey: "wrong" } }).resellerclub;
    const error = await rejection(bad.orderDetails(DIGITAL.id, "digitalcertificate"), AuthenticationError);
    expectText(error, RESELLERCLUB_TEXTS.authFailed);
  });

  it("reports an unknown order, or one of the other API, as NotFoundError", async () => {
    expectText(
      await rejection(client.orderDetails("1", "sslcert"), NotFoundError),
      RESELLERCLUB_TEXTS.orderNotFound,
    );
    const error = await rejection(
      client.renewSslCert({ orderId: DIGITAL.id, months: 12, invoiceOption: "NoInvoice" }),
      NotFoundError,
    );
    expectText(error, RESELLERCLUB_TEXTS.orderNotFound);
  });

  it("refuses GET on renew with the wrong-method error, which the client maps to a VendorRuleError", async () => {
    const { authUserId, apiKey } = sandbox.credentials.resellerclub;
    const response = await axios.get<string>(`${sandbox.urls.resellerclub}/digitalcertificate/renew.json`, {
      params: { "auth-userid": authUserId, "api-key": apiKey, "order-id": DIGITAL.id },
      responseType: "text",
      transformResponse: (d: string) => d,
      validateStatus: () => true,
    });
    expect(response.status).to.equal(500);
    const read = () =>
      readResellerClubResponse({ status: 500, headers: {}, body: response.data }, "renew", DIGITAL.id);
    expect(read).to.throw(VendorRuleError).with.property("vendorText", RESELLERCLUB_TEXTS.wrongMethod);
    expect(sandbox.admin.renewalCount("resellerclub", DIGITAL.id)).to.equal(0);
  });
});
