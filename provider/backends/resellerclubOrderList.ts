/**
 * The ResellerClub order list (`GET {api}/search.json`), read page by page as one
 * {@link AccountListing} per account and API in the process: every resource's refresh read shares
 * it, so a refresh of many orders costs one request per 500 of them instead of one each.
 */
import { createHash } from "node:crypto";
import {
  RESELLERCLUB_SEARCH_PAGE_SIZE,
  ResellerClubApi,
  ResellerClubClient,
  resellerClubEndpoint,
} from "../../sdk/resellerclub/client";
import type { ResellerClubListedOrder } from "../../sdk/resellerclub/types";
import { AccountListing, sayListFailed, sharedListing } from "./accountListing";

/** Pages of an account's orders read before the rest is read order by order. */
export const RESELLERCLUB_ACCOUNT_MAX_PAGES = 5;

/** The process's order listing for one account (endpoint and login) and API. */
export function orderListing(
  client: Pick<ResellerClubClient, "searchOrders">,
  api: ResellerClubApi,
  login: { endpoint?: string; authUserId: string; apiKey: string },
): AccountListing<ResellerClubListedOrder> {
  // Hashed, so no API key sits in the key, even in memory.
  const account = createHash("sha256").update(`${login.authUserId}\0${login.apiKey}`).digest("hex");
  const key = `resellerclub ${resellerClubEndpoint(login.endpoint)} ${api} ${account}`;
  return sharedListing(
    key,
    () =>
      new AccountListing<ResellerClubListedOrder>(
        async (offset, limit) => {
          // LogicBoxes pages by number: a page shorter than asked before the end has no next page.
          if (offset % limit !== 0) throw new RangeError(`offset ${offset} is not a page boundary`);
          const page = await client.searchOrders({ api, pageNo: offset / limit + 1, noOfRecords: limit });
          const entries = new Map(page.orders.map((o) => [o.orderId, o]));
          return { entries, received: page.onPage, total: page.total };
        },
        {
          pageSize: RESELLERCLUB_SEARCH_PAGE_SIZE,
          maxPages: RESELLERCLUB_ACCOUNT_MAX_PAGES,
          onFailure: sayListFailed(`the ResellerClub account's ${api} orders`),
        },
      ),
  );
}
