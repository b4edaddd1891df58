/**
 * Typed clients for the four certificate renewal APIs. Nothing here imports `@pulumi/pulumi`:
 * the clients are usable on their own (`pulumi-renewed-certificate/sdk/index`). Their errors state
 * facts (vendor, operation, status, the vendor's code and text, request id, connection phase) and
 * name no setting of the provider; the resource adds those (provider/backends/errorAdvice.ts).
 *
 * @module sdk
 */
export * from "./common/errors";
export * from "./common/dates";
export * from "./common/http";
export * from "./common/version";
export * as autodns from "./autodns";
export * as symantec from "./symantec";
export * as resellerclub from "./resellerclub";
