/**
 * A Symantec VICE2 renewal with the seed's values (John Doe, Netscape, the seed's original
 * transaction id) plus the required fields: the request the client fixture pairs are recorded for.
 */
import { SANDBOX_SEED } from "../../sandbox/seed";
import type { SymantecRenewRequest } from "../../sdk/symantec";

/** The subscriber the offline validation tests name in their `symantec` inputs. */
export const JOHN_DOE = { firstName: "John", lastName: "Doe", email: "john@example.com" };

/** The seed's renewal request, as the fixtures under test/fixtures/symantec expect it. */
export const SEED_RENEWAL: SymantecRenewRequest = {
  firstName: "John",
  lastName: "Doe",
  email: "johndoe@aaa.com",
  csr: "MIIBszCCARwCAQAwczELMAkGA1UEBhMCREUx",
  certProductType: "Server",
  serverType: "Netscape",
  validityPeriod: "1Y",
  originalTransactionId: "6b671d141321a8d743ab5616051d4ec",
  originalChallenge: "old-challenge-phrase",
  challenge: "new-challenge-phrase",
};

/** A 1-year renewal of the sandbox's seeded server transaction by its subscriber, for `csr`. */
export function sandboxServerRenewal(csr: string): SymantecRenewRequest {
  const [serverTx] = SANDBOX_SEED.symantec.transactions;
  return {
    ...SANDBOX_SEED.symantec.subscriber,
    csr,
    certProductType: "Server",
    serverType: "Apache",
    validityPeriod: "1Y",
    originalTransactionId: serverTx.id,
    originalChallenge: serverTx.challenge,
    challenge: "next-challenge",
  };
}
