/**
 * ResellerClub renewals for both APIs (`digitalcertificate/renew` with years and exp-date, and
 * `sslcert/renew` with months) and the action rows they create. Invoice options decide the
 * action's fate: NoInvoice and KeepInvoice proceed like a job; PayInvoice proceeds when the balance
 * covers it, else stays pending; OnlyAdd always stays pending. Pending actions finish only through
 * `admin.completeJob`.
 */
import { parseCsr } from "../ca";
import { epochSeconds } from "../dates";
import { VENDOR_JOB_STATUS, addJob, isOpen } from "../jobs";
import { SANDBOX_SEED } from "../seed";
import type { CertificateRecord, JobRecord, Store } from "../store";
import { RESELLERCLUB_WIRE, WireMap, money } from "./wire";

const INVOICE_OPTIONS = new Set(["NoInvoice", "PayInvoice", "KeepInvoice", "OnlyAdd"]);

/** A refusal message, or the accepted action. */
export type RenewOutcome = { refused: string } | { action: JobRecord; order: CertificateRecord };

function positiveInteger(params: URLSearchParams, name: string, max: number): number | string {
  const raw = params.get(name);
  if (raw === null || raw === "") return RESELLERCLUB_WIRE.required(name);
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= max ? n : RESELLERCLUB_WIRE.invalidNumber(name);
}

/** `attr-nameN`/`attr-valueN` pairs as a map. */
export function attributes(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  params.forEach((value, key) => {
    const m = /^attr-name(\d+)$/.exec(key);
    if (m) out[value] = params.get(`attr-value${m[1]}`) ?? "";
  });
  return out;
}

/** Runs the renewal rules of `api` and creates the action. */
export function renewOrder(
  store: Store,
  api: "digitalcertificate" | "sslcert",
  params: URLSearchParams,
): RenewOutcome {
  const orderId = params.get("order-id");
  if (!orderId) return { refused: RESELLERCLUB_WIRE.required("order-id") };
  const months =
    api === "sslcert" ? positiveInteger(params, "months", 120) : positiveInteger(params, "years", 10);
  if (typeof months === "string") return { refused: months };
  if (months === 0)
    return { refused: RESELLERCLUB_WIRE.invalidNumber(api === "sslcert" ? "months" : "years") };
  let expDate: number | undefined;
  if (api === "digitalcertificate") {
    const licenses = positiveInteger(params, "additional-licenses", 1000);
    if (typeof licenses === "string") return { refused: licenses };
    const exp = positiveInteger(params, "exp-date", Number.MAX_SAFE_INTEGER);
    if (typeof exp === "string") return { refused: exp };
    expDate = exp;
  }
  const invoiceOption = params.get("invoice-option") ?? "";
  if (!invoiceOption) return { refused: RESELLERCLUB_WIRE.required("invoice-option") };
  if (!INVOICE_OPTIONS.has(invoiceOption)) return { refused: RESELLERCLUB_WIRE.invalidInvoiceOption };

  const order = store.certificate("resellerclub", orderId);
  if (!order || order.api !== api) return { refused: RESELLERCLUB_WIRE.orderNotFound };
  if (store.jobsOf("resellerclub", orderId).some(isOpen)) return { refused: RESELLERCLUB_WIRE.pendingAction };
  if (expDate !== undefined && String(expDate) !== epochSeconds(order.coverageEndsAt)) {
    return { refused: RESELLERCLUB_WIRE.staleExpiry };
  }
  const csrString = attributes(params).csrString;
  let publicKey;
  if (csrString) {
    try {
      publicKey = parseCsr(csrString).publicKey;
    } catch {
      return { refused: RESELLERCLUB_WIRE.invalidCsr };
    }
  }
  const lifetimeMonths = api === "sslcert" ? months : months * 12;
  const amount = Math.round(SANDBOX_SEED.resellerclub.pricePerYear * (lifetimeMonths / 12) * 1000) / 1000;
  let state: JobRecord["state"] = "running";
  if (invoiceOption === "OnlyAdd") state = "pending";
  if (invoiceOption === "PayInvoice") {
    if (store.balance >= amount) store.balance = Math.round((store.balance - amount) * 1000) / 1000;
    else state = "pending";
  }
  store.countRenewal("resellerclub", orderId);
  const action = addJob(store, {
    id: store.nextId("resellerclubAction"),
    vendor: "resellerclub",
    certificateId: orderId,
    state,
    lifetimeMonths,
    publicKey,
    csr: csrString,
    invoiceOption,
    invoiceId: invoiceOption === "NoInvoice" ? undefined : store.nextId("resellerclubInvoice"),
    amount: invoiceOption === "NoInvoice" ? 0 : amount,
  });
  return { action, order };
}

function period(action: JobRecord, order: CertificateRecord): string {
  const months = action.lifetimeMonths;
  if (order.api === "sslcert") return `${months} month${months === 1 ? "" : "s"}`;
  const years = months / 12;
  return `${years} year${years === 1 ? "" : "s"}`;
}

function statusDescription(action: JobRecord): string {
  switch (action.state) {
    case "running":
      return "The renewal is being processed by the certificate authority.";
    case "pending":
      return action.invoiceOption === "PayInvoice"
        ? "Insufficient balance: the renewal stays pending until the invoice is paid."
        : "The renewal stays pending until the invoice is paid.";
    case "succeeded":
      return "The renewal was completed successfully.";
    default:
      return action.reason ?? "The renewal failed.";
  }
}

/** The flat result map of a renewal, in the seed's key order. */
export function renewResultMap(action: JobRecord, order: CertificateRecord): WireMap {
  const status = VENDOR_JOB_STATUS.resellerclub[action.state];
  const amount = money(-(action.amount ?? 0));
  return {
    actiontypedesc: `Renewal of ${order.commonName} for ${period(action, order)}`,
    actionstatus: status,
    actionstatusdesc: statusDescription(action),
    status,
    eaqid: action.id,
    entityid: order.id,
    actiontype: "Renew",
    ...(action.invoiceId ? { invoiceid: action.invoiceId } : {}),
    sellingamount: amount,
    unutilisedsellingamount: amount,
    sellingcurrencysymbol: "GBP",
    customerid: SANDBOX_SEED.resellerclub.customerId,
    description: order.commonName,
  };
}

/** One row of `actions/search-current`. */
export function actionRow(action: JobRecord, order: CertificateRecord | undefined): WireMap {
  const done = action.state === "succeeded" || action.state === "failed";
  return {
    eaqid: action.id,
    entityid: action.certificateId,
    actiontype: "Renew",
    actiontypedesc: order ? `Renewal of ${order.commonName} for ${period(action, order)}` : "Renewal",
    actionstatus: VENDOR_JOB_STATUS.resellerclub[action.state],
    actionstatusdesc: statusDescription(action),
    actionadded: epochSeconds(action.created),
    ...(done ? { actioncompleted: epochSeconds(action.updated) } : {}),
    description: order?.commonName ?? "",
  };
}
