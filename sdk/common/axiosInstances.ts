/**
 * Axios instances shared by the transports of one process. A provider process builds a vendor
 * client for every resource it reads or renews, and most share one account: building an axios
 * instance for each (config merging, about half a millisecond) cost about 0.3 s of a refresh's
 * provider CPU at 1000 resources. An instance is only its defaults; nothing here mutates one,
 * so transports with equal settings can share it.
 */
import axios, { AxiosInstance, CreateAxiosDefaults } from "axios";
import type { Agent as HttpsAgent } from "node:https";
import { DigestCache } from "./digestCache";

/** Distinct settings kept at once: a process talks to a handful of accounts; tests to more. */
const instances = new DigestCache<AxiosInstance>(64);
const agentIds = new WeakMap<HttpsAgent, number>();
let nextAgentId = 1;

/**
 * An axios instance with `config`, shared with earlier callers that asked for the same baseURL,
 * timeout, headers (in any order), auth and agent; `fixed` is the part every caller gives alike
 * (response handling, limits), which is not part of the key.
 */
export function sharedAxios(
  config: CreateAxiosDefaults & { httpsAgent?: HttpsAgent },
  fixed: CreateAxiosDefaults,
): AxiosInstance {
  const agent = config.httpsAgent;
  if (agent && !agentIds.has(agent)) agentIds.set(agent, nextAgentId++);
  const settings = [
    config.baseURL,
    config.timeout,
    Object.entries((config.headers ?? {}) as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
    config.auth ? [config.auth.username, config.auth.password] : null,
    agent ? agentIds.get(agent) : 0,
  ];
  return instances.get(settings, () => axios.create({ ...fixed, ...config }));
}
