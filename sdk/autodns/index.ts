/** InterNetX AutoDNS: JSON REST and XML gateway clients. */
export * from "./types";
export * from "./codes";
export * from "./errors";
export * from "./jobs";
export * from "./jsonClient";
export * from "./xmlClient";
