/**
 * All XML goes through this module so every vendor gets the same, safe parser settings:
 * namespaces ignored (Symantec answers under `urn:symantec:api` or `urn:verisign:api`), values kept
 * as strings (ids such as 4295014838 must not turn into floats), repeating elements always arrays,
 * CDATA kept as text, and no DTDs at all (vendors never send one; refusing them closes the
 * entity-expansion attacks).
 */
import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";

/** A parsed element: text, or children by tag name. */
export type XmlValue = string | XmlNode | XmlValue[];
/** Element children by (namespace-free) tag name. */
export interface XmlNode {
  [tag: string]: XmlValue;
}

/** Elements that may repeat in any vendor document, so they are arrays even when single. */
const REPEATING = new Set([
  "subject_alternative_name",
  "msg",
  "certification_authority",
  "approver_email",
  "dcv_auth",
  "messages",
]);

/** Why a document could not be read. */
export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XmlSyntaxError";
  }
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 64,
  isArray: (tagName) => REPEATING.has(tagName),
});

/** Largest document accepted; vendor answers are a few KB. */
export const MAX_XML_BYTES = 1_000_000;

/**
 * Parses a vendor XML document. Throws {@link XmlSyntaxError} for anything that is not one
 * well-formed element tree (truncated bodies, HTML error pages with stray tags, DTDs).
 */
export function parseXml(text: string): XmlNode {
  if (text.length > MAX_XML_BYTES) throw new XmlSyntaxError(`document larger than ${MAX_XML_BYTES} bytes`);
  const trimmed = text.trim();
  if (!trimmed.startsWith("<")) throw new XmlSyntaxError("not XML: the body does not start with '<'");
  if (/<!DOCTYPE|<!ENTITY/i.test(trimmed)) throw new XmlSyntaxError("document type declarations are refused");
  let doc: unknown;
  try {
    const valid = XMLValidator.validate(trimmed);
    if (valid !== true) throw new XmlSyntaxError(`${valid.err.msg} (line ${valid.err.line})`);
    doc = parser.parse(trimmed) as unknown;
  } catch (e) {
    // The parser throws plain Errors of its own (unclosed processing instructions, nesting
    // deeper than maxNestedTags): they are syntax errors too.
    if (e instanceof XmlSyntaxError) throw e;
    throw new XmlSyntaxError(e instanceof Error ? e.message : String(e));
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new XmlSyntaxError("no root element");
  const roots = Object.values(doc);
  if (roots.length !== 1 || (Array.isArray(roots[0]) && roots[0].length !== 1)) {
    throw new XmlSyntaxError("more than one root element");
  }
  return doc as XmlNode;
}

/** Follows a path of tag names, taking the first element of any array on the way. */
export function xmlPath(node: XmlValue | undefined, ...path: string[]): XmlValue | undefined {
  let current: XmlValue | undefined = node;
  for (const key of path) {
    if (Array.isArray(current)) current = current[0];
    if (current === undefined || typeof current !== "object" || Array.isArray(current)) return undefined;
    current = current[key];
  }
  return Array.isArray(current) && path.length > 0 && !REPEATING.has(path[path.length - 1])
    ? current[0]
    : current;
}

/** Text of the element at `path`, or undefined when it is absent or not text. */
export function xmlText(node: XmlValue | undefined, ...path: string[]): string | undefined {
  const value = xmlPath(node, ...path);
  if (typeof value === "string") return value;
  if (value !== undefined && typeof value === "object" && !Array.isArray(value) && "#text" in value) {
    const text = value["#text"];
    return typeof text === "string" ? text : undefined;
  }
  // An empty element parses as "" (string); an element with children has no text.
  return undefined;
}

/** The elements at `path` as an array (empty when absent). */
export function xmlList(node: XmlValue | undefined, ...path: string[]): XmlValue[] {
  const parentPath = path.slice(0, -1);
  const parent = parentPath.length ? xmlPath(node, ...parentPath) : node;
  if (parent === undefined || typeof parent !== "object" || Array.isArray(parent)) return [];
  const value = parent[path[path.length - 1]];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** True for a body that starts like XML but does not parse: an answer cut off on the way. */
export function xmlIsCutOff(text: string): boolean {
  if (!text.trim().startsWith("<")) return false;
  try {
    parseXml(text);
    return false;
  } catch {
    return true;
  }
}

/**
 * The text of the element at `path` in a document that may be cut off (a truncated answer):
 * the opening tags are found in order, and the last element counts only if it is complete and
 * holds plain text. Only for salvaging an id from an answer that {@link parseXml} rejected —
 * everything else goes through the parser.
 */
export function partialXmlText(text: string, ...path: string[]): string | undefined {
  const body = text.slice(0, MAX_XML_BYTES);
  let from = 0;
  for (const [i, name] of path.entries()) {
    const tag = `(?:[\\w.-]+:)?${escapeRegExp(name)}`;
    const open = new RegExp(`<${tag}(?:\\s[^<>]*)?>`, "g");
    open.lastIndex = from;
    const opened = open.exec(body);
    if (!opened) return undefined;
    from = opened.index + opened[0].length;
    if (i < path.length - 1) continue;
    const end = body.indexOf("<", from);
    if (end < 0 || !new RegExp(`^</${tag}\\s*>`).test(body.slice(end))) return undefined;
    const value = body.slice(from, end).trim();
    return value === "" ? undefined : value;
  }
  return undefined;
}

/** Marks a string to be written as CDATA by {@link buildXml}. */
export function cdata(text: string): { "#cdata": string } {
  return { "#cdata": text };
}

/** An element tree to serialize: strings are escaped, `cdata()` values written as CDATA. */
export type XmlInput = string | number | { "#cdata": string } | XmlInputNode | XmlInput[];
/** Children by tag name; undefined children are left out. */
export interface XmlInputNode {
  [tag: string]: XmlInput | undefined;
}

const builder = new XMLBuilder({
  ignoreAttributes: true,
  // Not pretty-printed: with `format` the builder puts CDATA on its own indented line, and the
  // vendor would read that whitespace as part of the CSR or name.
  format: false,
  cdataPropName: "#cdata",
  suppressEmptyNode: false,
  processEntities: true,
});

function isCdata(value: XmlInput): value is { "#cdata": string } {
  return typeof value === "object" && !Array.isArray(value) && typeof value["#cdata"] === "string";
}

function dropUndefined(value: XmlInput | undefined): XmlInput | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.map(dropUndefined).filter((v): v is XmlInput => v !== undefined);
  // CDATA passes through as is: the builder itself splits a "]]>" inside it (doing it here too
  // would corrupt the value).
  if (isCdata(value)) return value;
  if (typeof value === "object") {
    const out: XmlInputNode = {};
    for (const [k, v] of Object.entries(value)) {
      const kept = dropUndefined(v);
      if (kept !== undefined) out[k] = kept;
    }
    return out;
  }
  return value;
}

/** Serializes an element tree with an XML declaration. */
export function buildXml(root: XmlInputNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(dropUndefined(root)) as string}`;
}
