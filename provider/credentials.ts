/**
 * Credentials come from the resource's (secret) inputs, else from environment variables of the
 * provider process, else from stack config handed to `configure` — so users can keep them out of
 * state entirely. Nothing here is captured by the serialized provider: it is read at call time.
 */

/** Config keys (namespace `pulumi-nodejs:` — the dynamic provider's package — or `renewed-certificate:`). */
export const CONFIG_KEYS: Record<string, string> = {
  AUTODNS_USER: "autodnsUser",
  AUTODNS_PASSWORD: "autodnsPassword",
  AUTODNS_CONTEXT: "autodnsContext",
  RESELLERCLUB_AUTH_USERID: "resellerclubAuthUserId",
  RESELLERCLUB_API_KEY: "resellerclubApiKey",
  SYMANTEC_CLIENT_CERT: "symantecClientCertificate",
  SYMANTEC_CLIENT_KEY: "symantecClientKey",
};

let configured: Record<string, string> = {};

/** Remembers config values handed to `configure` (by environment-variable name). */
export function setConfiguredCredentials(get: (key: string) => string | undefined): void {
  const values: Record<string, string> = {};
  for (const [env, key] of Object.entries(CONFIG_KEYS)) {
    const v = get(`pulumi-nodejs:${key}`) ?? get(`renewed-certificate:${key}`);
    if (v !== undefined && v !== "") values[env] = v;
  }
  configured = values;
}

/** The value of a credential from the environment or config, by environment-variable name. */
export function ambientCredential(name: string): string | undefined {
  const env = process.env[name];
  return env !== undefined && env !== "" ? env : configured[name];
}

/** An input value, else the ambient credential. */
export function credentialValue(
  input: string | number | undefined | null,
  envName: string,
): string | undefined {
  if (input !== undefined && input !== null && input !== "") return String(input);
  return ambientCredential(envName);
}

/** Throws a clear error when a credential is missing at call time. */
export function requireCredential(
  input: string | number | undefined | null,
  envName: string,
  property: string,
): string {
  const v = credentialValue(input, envName);
  if (v === undefined)
    throw new Error(`${property} is missing: set it (as a secret) or the ${envName} environment variable`);
  return v;
}
