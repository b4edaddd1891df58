/**
 * The XML gateway's certificate list (task 400105), a list inquire (./xmlListInquire.ts) over the
 * certificate keys the spec documents for the same task in JSON ("product, technical, orderId,
 * created, admin, type, expire, domain, name, comment, id, updated, authentication"). As in JSON, a
 * listed certificate carries its `id` plus the `<key>`s asked for — never the PEM or `payable`,
 * which are not keys (no kinder than the vendor).
 */
import type { CertificateRecord, Store } from "../store";
import { certificateXml } from "./wire";
import { ListKeys, XmlListError, XmlListNode, listText, whereTest, whole } from "./xmlListInquire";

const CERTIFICATE_KEYS: ReadonlySet<string> = new Set([
  "product",
  "technical",
  "orderId",
  "created",
  "admin",
  "type",
  "expire",
  "domain",
  "name",
  "comment",
  "id",
  "updated",
  "authentication",
]);

/** A key's value as the certificate element carries it (absent for keys the sandbox keeps none of). */
function fieldOf(key: string, c: CertificateRecord): string | undefined {
  const value = certificateXml(c)[key];
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

const LIST = "a certificate list";

/** Runs a 400105 list: the answer's `data`. */
export function listCertificatesXml(store: Store, task: unknown): Record<string, unknown> {
  const t = (task ?? {}) as XmlListNode;
  const view = t.view as XmlListNode | undefined;
  const limit = whole(listText(view, "limit"), "view.limit", 50);
  const offset = whole(listText(view, "offset"), "view.offset", 0);
  const keys = (Array.isArray(t.key) ? t.key : t.key === undefined ? [] : [t.key]).map(String);
  for (const k of keys) if (!CERTIFICATE_KEYS.has(k)) throw new XmlListError("key", k, LIST);
  const list: ListKeys<CertificateRecord> = { name: LIST, keys: CERTIFICATE_KEYS, field: fieldOf };
  const matches = whereTest(list, t.where);
  // `order` as the list inquire documents it: a known key, mode asc or desc (default: by id).
  const order = t.order as XmlListNode | undefined;
  const orderKey = listText(order, "key") ?? "id";
  if (!CERTIFICATE_KEYS.has(orderKey)) throw new XmlListError("order.key", orderKey, LIST);
  const mode = (listText(order, "mode") ?? "asc").toLowerCase();
  if (mode !== "asc" && mode !== "desc") throw new XmlListError("order.mode", mode, LIST);
  const direction = mode === "desc" ? -1 : 1;
  const hits = [...store.certificates.values()]
    .filter((c) => c.vendor === "autodns" && matches(c))
    .sort(
      (a, b) =>
        direction *
        ((fieldOf(orderKey, a) ?? "").localeCompare(fieldOf(orderKey, b) ?? "", "en", { numeric: true }) ||
          a.id.localeCompare(b.id)),
    );
  const page = hits.slice(offset, limit === 0 ? undefined : offset + limit);
  const listed = page.map((c) =>
    Object.fromEntries(Object.entries(certificateXml(c)).filter(([k]) => k === "id" || keys.includes(k))),
  );
  return { summary: hits.length, certificate: listed };
}
