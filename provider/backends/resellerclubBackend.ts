/**
 * ResellerClub adapter: sslcert or the deprecated digitalcertificate renewals, tracked as
 * actions. With `api: "auto"` (the default) the order's own details call decides: `sslcert/details`
 * first, `digitalcertificate/details` when sslcert does not know the order. The expiry of an
 * sslcert order is not a documented field (kb/answer/2403 names none): an sslcert renewal that
 * left the action list while the expiry did not move has an unknown outcome, never a failure that
 * a later run re-submits.
 */
import { toEpochSeconds } from "../../sdk/common/dates";
import { NotFoundError, VendorError } from "../../sdk/common/errors";
import { ResellerClubApi, ResellerClubClient } from "../../sdk/resellerclub/client";
import { isPendingActionRefusal } from "../../sdk/resellerclub/errors";
import {
  ResellerClubAction,
  ResellerClubClientOptions,
  ResellerClubOrder,
} from "../../sdk/resellerclub/types";
import { requiredCredential } from "../credentials";
import { VENDOR_APIS } from "./vendorApis";
import { ResellerClubInput } from "../inputs";
import { CertificateSnapshot, RenewalContext, RenewalProgress, RenewalRef, VendorBackend } from "./backend";
import type { KnownCertificate, ListedKnown } from "./backend";
import { orderListing } from "./resellerclubOrderList";

const DONE = new Set(["success", "succeeded", "completed"]);
const FAILED = new Set(["failed", "failure", "cancelled", "canceled", "rejected"]);

/** Maps an action's status to ours. */
export function actionProgress(
  action: Pick<ResellerClubAction, "eaqId" | "actionStatus" | "actionStatusDesc">,
): RenewalProgress {
  const s = action.actionStatus.toLowerCase();
  return {
    jobId: action.eaqId,
    status: DONE.has(s) ? "succeeded" : FAILED.has(s) ? "failed" : "pending",
    vendorStatus: action.actionStatus,
    failureReason: FAILED.has(s)
      ? `ResellerClub action ${action.eaqId} ended ${action.actionStatus}: ${action.actionStatusDesc ?? ""}`.trim()
      : undefined,
  };
}

/** See the module comment. */
export class ResellerClubBackend implements VendorBackend {
  private readonly client: ResellerClubClient;
  private readonly login: { endpoint?: string; authUserId: string; apiKey: string };
  private readonly configured: ResellerClubApi | "auto";
  /** The API the order lives in, once known. */
  private api?: ResellerClubApi;

  constructor(
    private readonly block: ResellerClubInput,
    overrides: Partial<ResellerClubClientOptions> = {},
    known: KnownCertificate = {},
  ) {
    this.configured = block.api ?? "auto";
    // "auto" resolved by an earlier run (state's `resellerclubApi`) needs no details request again.
    this.api = this.configured === "auto" ? known.resellerclubApi : this.configured;
    this.login = {
      endpoint: block.endpoint,
      authUserId: requiredCredential(VENDOR_APIS.resellerclub, block, "authUserId"),
      apiKey: requiredCredential(VENDOR_APIS.resellerclub, block, "apiKey"),
    };
    this.client = new ResellerClubClient({ ...this.login, ...overrides });
  }

  /**
   * A refresh's read: the account's order list (`{api}/search.json`, shared by every resource of
   * the process) answers when it shows the expiry state already knows. Anything else — an API not
   * yet known, an order the list leaves out or lists without an expiry, a moved expiry, a failed
   * list — is read alone with {@link inspect}, with that read's answers and errors.
   */
  async inspectListed(certificateId: string, known: ListedKnown): Promise<CertificateSnapshot> {
    if (!this.api || !known.notAfter) return this.inspect(certificateId);
    const found = await orderListing(this.client, this.api, this.login)
      .find(certificateId)
      .catch(() => undefined);
    const listed = found?.listed ? found.entry.notAfter : undefined;
    if (!listed || Date.parse(listed) !== Date.parse(known.notAfter)) return this.inspect(certificateId);
    return this.snapshot(listed);
  }

  /** The order's details, from its own API; with "auto" this also settles which API that is. */
  private async order(certificateId: string): Promise<ResellerClubOrder> {
    if (this.api) return this.client.orderDetails(certificateId, this.api);
    let order: ResellerClubOrder;
    try {
      order = await this.client.orderDetails(certificateId, "sslcert");
    } catch (e) {
      // Not an sslcert order: it may be one of the deprecated digitalcertificate API.
      if (!(e instanceof NotFoundError)) throw e;
      order = await this.client.orderDetails(certificateId, "digitalcertificate");
      this.api = "digitalcertificate";
      return order;
    }
    this.api = order.productCategory === "digitalcertificate" ? "digitalcertificate" : "sslcert";
    return order;
  }

  async inspect(certificateId: string): Promise<CertificateSnapshot> {
    return this.snapshot((await this.order(certificateId)).notAfter);
  }

  /** What a read of the order's expiry says, once the order's API is known. */
  private snapshot(notAfter: string | undefined): CertificateSnapshot {
    // kb/answer/2403 names no expiry field for sslcert orders: an unmoved (or absent) one proves nothing.
    return {
      notAfter,
      ...(this.api === "sslcert" ? { expiryUnconfirmed: true } : {}),
      ...(this.configured === "auto" ? { resellerclubApi: this.api } : {}),
    };
  }

  async findPendingRenewal(certificateId: string): Promise<RenewalProgress | undefined> {
    const actions = await this.client.currentActions({ orderIds: [certificateId] });
    const pending = actions.map(actionProgress).filter((p) => p.status === "pending");
    return pending[pending.length - 1];
  }

  async latestRenewal(certificateId: string): Promise<RenewalProgress | undefined> {
    const actions = await this.client.currentActions({ orderIds: [certificateId] });
    const newest = [...actions].sort((a, b) => Number(a.eaqId) - Number(b.eaqId)).pop();
    return newest ? actionProgress(newest) : undefined;
  }

  async renew(ctx: RenewalContext): Promise<RenewalProgress> {
    try {
      return await this.submit(ctx);
    } catch (e) {
      // The vendor refused because an action is pending (another actor was faster than our
      // search): that action is the renewal, so follow it rather than fail.
      if (!isPendingActionRefusal(e)) throw e;
      const pending = await this.findPendingRenewal(ctx.certificateId);
      if (!pending) throw e;
      const text = (e as VendorError).vendorText ?? "";
      return {
        ...pending,
        note: `ResellerClub refused another renewal ("${text}"); following the pending action ${pending.jobId} instead`,
      };
    }
  }

  private async submit(ctx: RenewalContext): Promise<RenewalProgress> {
    const b = this.block;
    const invoiceOption = b.invoiceOption ?? "NoInvoice";
    if (!this.api) await this.order(ctx.certificateId);
    if (this.api === "sslcert" && b.attributes && Object.keys(b.attributes).length) {
      throw new Error(
        `order ${ctx.certificateId} is an sslcert order and sslcert/renew takes no attributes; ` +
          `remove resellerclub.attributes (or set resellerclub.api to "digitalcertificate" if the order is one)`,
      );
    }
    const result =
      this.api === "sslcert"
        ? await this.client.renewSslCert({
            orderId: ctx.certificateId,
            months: ctx.lifetimeMonths,
            invoiceOption,
          })
        : await this.client.renewDigitalCertificate({
            orderId: ctx.certificateId,
            years: Math.max(1, Math.round(ctx.lifetimeMonths / 12)),
            additionalLicenses: b.additionalLicenses ?? 0,
            expDate: ctx.notAfter ? toEpochSeconds(ctx.notAfter) : 0,
            invoiceOption,
            attributes: b.attributes,
          });
    // The renew answer says the action was added; completion is read from the action later.
    return {
      jobId: result.eaqId,
      status: "pending",
      vendorStatus: result.actionStatus ?? result.status ?? "Pending",
    };
  }

  async poll(ref: RenewalRef, certificateId: string, knownNotAfter?: string): Promise<RenewalProgress> {
    const jobId = ref.jobId ?? "";
    const [action] = await this.client.currentActions({ eaqIds: [jobId] });
    let progress: RenewalProgress;
    if (action) {
      progress = actionProgress(action);
    } else {
      // Finished actions leave the current list: the order's expiry tells how it ended.
      const snapshot = await this.inspect(certificateId);
      const moved = !!(snapshot.notAfter && (!knownNotAfter || snapshot.notAfter > knownNotAfter));
      if (moved) return { jobId, status: "succeeded", vendorStatus: "Success", ...snapshot };
      if (snapshot.expiryUnconfirmed) {
        return {
          jobId,
          status: "failed",
          vendorStatus: "Unknown",
          outcomeUnknown: true,
          failureReason:
            `ResellerClub action ${jobId} is no longer listed and order ${certificateId} reports no expiry that ` +
            `proves its outcome (sslcert orders document none); it will not be submitted again automatically: ` +
            `check the order at ResellerClub, then set notAfter to its new expiry or change renewalTrigger to renew again`,
          ...snapshot,
        };
      }
      return {
        jobId,
        status: "failed",
        vendorStatus: "Unknown",
        failureReason: `ResellerClub action ${jobId} is no longer listed and the order's expiry did not change`,
        ...snapshot,
      };
    }
    if (progress.status !== "succeeded") return progress;
    return { ...progress, ...(await this.inspect(certificateId)) };
  }
}
