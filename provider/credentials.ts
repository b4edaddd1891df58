/**
 * Credentials come from the resource's (secret) inputs, else from environment variables of the
 * provider process, else from stack config handed to `configure` — so users can keep them out of
 * state entirely. Nothing here is captured by the serialized provider: it is read at call time.
 */
import { isUnknown } from "./unknowns";

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

/**
 * Credential inputs by vendor block: kept secret in state whether or not the program wrapped them
 * in `pulumi.secret` (the resource class marks them, `check` marks them again for any other
 * caller), and never shown in a check failure. A new credential input is added here, once.
 */
export const SECRET_INPUT_FIELDS = {
  autodns: ["password"],
  symantec: ["clientKey", "originalChallenge", "challenge"],
  resellerclub: ["apiKey"],
} as const satisfies Record<string, readonly string[]>;

/** Whether a dotted input path (`autodns.password`) names a credential. */
export function isSecretInput(property: string): boolean {
  const [block, field, ...rest] = property.split(".");
  const fields = (SECRET_INPUT_FIELDS as Record<string, readonly string[]>)[block];
  return rest.length === 0 && fields !== undefined && fields.includes(field);
}

// The engine's marker of a secret value in a property struct (`rpc.specialSigKey` and
// `rpc.specialSecretSig` of @pulumi/pulumi), spelled out so the provider process need not load the SDK.
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/**
 * `inputs` with every credential field of every vendor block replaced by `mark(value)`. A block
 * that `markWhole` marks (one the program gave as a whole Output, say, which cannot be split before
 * it resolves) is replaced as a whole instead.
 */
export function withCredentialsMarked<T extends object>(
  inputs: T,
  mark: (value: unknown) => unknown,
  markWhole: (block: object) => unknown = () => undefined,
): T {
  const out = { ...inputs };
  const given = new Map(Object.entries(inputs));
  for (const [block, fields] of Object.entries(SECRET_INPUT_FIELDS)) {
    const held: unknown = given.get(block);
    if (held === null || typeof held !== "object" || Array.isArray(held)) continue;
    const credentials: readonly string[] = fields;
    const marked =
      markWhole(held) ??
      Object.fromEntries(Object.entries(held).map(([k, v]) => [k, credentials.includes(k) ? mark(v) : v]));
    Object.assign(out, { [block]: marked });
  }
  return out;
}

/**
 * The inputs with every credential wrapped as an engine secret. `check` returns these: the engine
 * stores a checked input as secret when it carries the marker, and re-marks the same-named outputs.
 */
export function withSecretCredentials<T extends object>(inputs: T): T {
  // An unknown (preview) stays the engine's own placeholder: it carries no value to protect; an
  // already marked value is an object, not a string.
  return withCredentialsMarked(inputs, (v) =>
    typeof v === "string" && v !== "" && !isUnknown(v) ? { [SIG_KEY]: SECRET_SIG, value: v } : v,
  );
}

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
