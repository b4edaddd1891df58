/** Following a renewal the vendor accepted: one poll, or polls until it ends or the wait is over. */
import { realSleep } from "../sdk/common/rateLimiter";
import type { CertificateState } from "./inputs";
import { lookupOrFail } from "./partialFailure";
import type { RenewalStep } from "./renewalStep";
import { withProgress } from "./state";

/** First poll after 1 s, doubling up to 15 s: a bounded number of requests per wait. */
export function pollDelays(timeoutSeconds: number): number[] {
  const delays: number[] = [];
  let total = 0;
  for (let d = 1; total + d <= timeoutSeconds; d = Math.min(15, d * 2)) {
    delays.push(d * 1000);
    total += d;
  }
  if (total < timeoutSeconds) delays.push((timeoutSeconds - total) * 1000);
  return delays;
}

/** Polls a pending renewal until it ends or `waitTimeoutSeconds` pass. Errors keep the state. */
export async function waitForRenewal(step: RenewalStep, state: CertificateState): Promise<CertificateState> {
  const sleep = step.sleep ?? realSleep;
  let current = state;
  for (const delay of pollDelays(step.inputs.waitTimeoutSeconds ?? 0)) {
    if (current.renewalStatus !== "pending") break;
    await sleep(delay);
    current = await pollOnce(step, current);
  }
  return current;
}

/** One poll of a pending renewal; a failure to poll keeps the job id in state. */
export async function pollOnce(step: RenewalStep, state: CertificateState): Promise<CertificateState> {
  const ref = state.jobId ?? state.transactionId;
  const progress = await lookupOrFail(
    step,
    state,
    () =>
      step.backend.poll(
        { jobId: state.jobId, transactionId: state.transactionId },
        String(step.inputs.certificateId),
        state.renewedForNotAfter ?? state.notAfter,
        { certificateName: state.certificateName },
      ),
    (error) =>
      `renewal ${ref} of ${step.id} was accepted but could not be followed: ${error}. ` +
      `Its id is kept in state; the next pulumi up or refresh follows it again`,
  );
  return withProgress(state, progress, step.now);
}
