/** Symantec/DigiCert Managed PKI for SSL (VICE2) client. */
export * from "./types";
export * from "./codes";
export * from "./errors";
export * from "./certificate";
export * from "./client";
