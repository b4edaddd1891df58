/**
 * A Symantec VICE2 renewal with the seed's values (John Doe, Netscape, the seed's original
 * transaction id) plus the required fields: the request the client fixture pairs are recorded for.
 */
import type { SymantecRenewRequest } from "../../sdk/symantec";

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
