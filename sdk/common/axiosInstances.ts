/**
 * Axios instances shared by the transports of one process. A provider process builds a vendor
 * client for every resource it reads or renews, and most share one account: building an axios
 * instance for each (config merging, about half a millisecond) cost about 0.3 s of a refresh's
 * provider CPU at 1000 resources. An instance is only its defaults; nothing here mutates one,
 * so transports with equal settings can share it.
 */
import axios, { AxiosInstance, CreateAxiosDefaults } from "axios";
import { createHash } from "node:crypto";
import type { Agent as HttpsAgent } from "node:https";

/** Distinct settings kept at once: a process talks to a handful of accounts; tests to more. */
const MAX_INSTANCES = 64;

const instances = new Map<string, AxiosInstance>();
const agentIds = new WeakMap<HttpsAgent, number>();
let nextAgentId = 1;

/** The settings that make two instances interchangeable (credentials only as a digest). */
function keyOf(config: CreateAxiosDefaults & { httpsAgent?: HttpsAgent }): string {
  const agent = config.httpsAgent;
  if (agent && !agentIds.has(agent)) agentIds.set(agent, nextAgentId++);
  const settings = JSON.stringify([
    config.baseURL,
    config.timeout,
    Object.entries((config.headers ?? {}) as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
    config.auth ? [config.auth.username, config.auth.password] : null,
    agent ? agentIds.get(agent) : 0,
  ]);
  return createHash("sha256").update(settings).digest("hex");
}

/**
 * An axios instance with `config`, shared with earlier callers that asked for the same baseURL,
 * timeout, headers, auth and agent; `fixed` is the part every caller gives alike (response
 * handling, limits), which is not part of the key.
 */
export function sharedAxios(
  config: CreateAxiosDefaults & { httpsAgent?: HttpsAgent },
  fixed: CreateAxiosDefaults,
): AxiosInstance {
  const key = keyOf(config);
  const found = instances.get(key);
  if (found) return found;
  const created = axios.create({ ...fixed, ...config });
  if (instances.size >= MAX_INSTANCES) instances.delete(instances.keys().next().value as string);
  instances.set(key, created);
  return created;
}
