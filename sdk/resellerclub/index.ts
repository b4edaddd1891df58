/** ResellerClub / LogicBoxes HTTP API client. */
export * from "./types";
export * from "./errors";
export * from "./client";
