/**
 * The admin API over HTTP, under `/_sandbox`, for programs that cannot hold the in-process handle
 * (a Pulumi provider process, the CLI sandbox). Bodies and answers are JSON; errors are
 * `{"error": "…"}` with 400 (bad input) or 404 (unknown certificate/job/route).
 */
import { JobStateError } from "../jobs";
import { Reply, RouteRequest, SANDBOX_ROUTES, jsonReply } from "../http/route";
import { SANDBOX_SEED } from "../seed";
import type { FaultSpec, SandboxAdmin, SandboxVendor, SeedCertificateSpec } from "../types";

const VENDORS = new Set(["autodns", "symantec", "resellerclub"]);

function vendorOf(value: string | null | undefined): SandboxVendor | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  if (!VENDORS.has(value))
    throw new RangeError(`vendor must be autodns, symantec or resellerclub, not ${value}`);
  return value as SandboxVendor;
}

function bodyOf(request: RouteRequest): Record<string, unknown> {
  if (request.body.trim() === "") return {};
  const value = JSON.parse(request.body) as unknown;
  if (!value || typeof value !== "object" || Array.isArray(value))
    throw new RangeError("the body must be a JSON object");
  return value as Record<string, unknown>;
}

/** Builds the `/_sandbox` handler; `info` is what `GET /_sandbox` shows. */
export function adminRoutes(
  admin: SandboxAdmin,
  info: () => Record<string, unknown>,
): (request: RouteRequest) => Promise<Reply> {
  async function route(request: RouteRequest): Promise<Reply | undefined> {
    const parts = request.path.split("/").filter(Boolean).slice(1).map(decodeURIComponent);
    const [section, a, b] = parts;
    const get = request.method === "GET";
    const post = request.method === "POST";
    const q = request.query;
    if (!section && get) return jsonReply(200, { ...info(), routes: SANDBOX_ROUTES, seed: SANDBOX_SEED });
    switch (section) {
      case "clock": {
        if (get && !a) return jsonReply(200, { now: admin.clock.now().toISOString() });
        if (!post || a) return undefined;
        const body = bodyOf(request);
        if (typeof body.now === "string") admin.clock.set(body.now);
        const by = (body.advance ?? body) as Record<string, number>;
        if (["days", "hours", "minutes", "seconds"].some((k) => by[k] !== undefined)) admin.clock.advance(by);
        return jsonReply(200, { now: admin.clock.now().toISOString() });
      }
      case "certificates":
        if (get && !a) return jsonReply(200, admin.certificates(vendorOf(q.get("vendor"))));
        if (post && !a)
          return jsonReply(
            201,
            await admin.seedCertificate(bodyOf(request) as unknown as SeedCertificateSpec),
          );
        if (get && a && b) {
          const cert = admin.certificate(vendorOf(a)!, b);
          return cert ? jsonReply(200, cert) : jsonReply(404, { error: `no ${a} certificate ${b}` });
        }
        return undefined;
      case "jobs":
        if (get && !a) {
          return jsonReply(
            200,
            admin.jobs({
              vendor: vendorOf(q.get("vendor")),
              certificateId: q.get("certificateId") ?? undefined,
            }),
          );
        }
        if (get && a && !b) {
          const job = admin.job(a);
          return job ? jsonReply(200, job) : jsonReply(404, { error: `no job ${a}` });
        }
        if (post && a && b === "complete") return jsonReply(200, await admin.completeJob(a));
        if (post && a && b === "approve") return jsonReply(200, await admin.approve(a));
        if (post && a && b === "fail") {
          const reason = bodyOf(request).reason;
          return jsonReply(200, await admin.failJob(a, typeof reason === "string" ? reason : undefined));
        }
        return undefined;
      case "faults":
        if (get && !a) return jsonReply(200, admin.faults());
        if (post && !a) return jsonReply(201, admin.injectFault(bodyOf(request) as unknown as FaultSpec));
        if ((request.method === "DELETE" && !a) || (post && a === "clear")) {
          admin.clearFaults();
          return jsonReply(200, []);
        }
        return undefined;
      case "requests":
        if (!get || a) return undefined;
        return jsonReply(
          200,
          admin.requests({
            vendor: vendorOf(q.get("vendor")),
            route: q.get("route") ?? undefined,
            certificateId: q.get("certificateId") ?? undefined,
          }),
        );
      case "renewals":
        if (!get || !a || !b) return undefined;
        return jsonReply(200, { vendor: a, id: b, count: admin.renewalCount(vendorOf(a)!, b) });
      case "reissues":
        if (!get || !a || !b) return undefined;
        return jsonReply(200, { vendor: a, id: b, count: admin.reissueCount(vendorOf(a)!, b) });
      case "balance":
        if (post && !a) admin.setBalance(Number(bodyOf(request).amount));
        return get || post ? jsonReply(200, { balance: admin.balance() }) : undefined;
      case "symantec":
        if (!post || a !== "auto-approve") return undefined;
        admin.setSymantecAutoApprove(bodyOf(request).on !== false);
        return jsonReply(200, { autoApprove: bodyOf(request).on !== false });
      case "client-certificates": {
        if (!post || a) return undefined;
        const body = bodyOf(request);
        return jsonReply(
          201,
          await admin.issueClientCertificate({
            commonName: typeof body.commonName === "string" ? body.commonName : undefined,
            registered: body.registered !== false,
          }),
        );
      }
      case "reset":
        if (!post || a) return undefined;
        await admin.reset();
        return jsonReply(200, { reset: true, now: admin.clock.now().toISOString() });
    }
    return undefined;
  }

  return async (request) => {
    try {
      return (
        (await route(request)) ??
        jsonReply(404, { error: `no admin route ${request.method} ${request.path}` })
      );
    } catch (e) {
      const status = e instanceof JobStateError && /^no /.test(e.message) ? 404 : 400;
      return jsonReply(status, { error: (e as Error).message });
    }
  };
}
