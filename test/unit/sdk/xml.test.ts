// The one XML module: safe parser settings and a builder whose output the vendors read verbatim.
import { expect } from "chai";
import {
  XmlSyntaxError,
  buildXml,
  cdata,
  parseXml,
  xmlList,
  xmlPath,
  xmlText,
} from "../../../sdk/common/xml";

describe("xml", () => {
  describe("parseXml", () => {
    it("ignores namespaces, so urn:symantec:api and urn:verisign:api read the same", () => {
      const a = parseXml('<Response xmlns="urn:symantec:api"><StatusCode>0x00</StatusCode></Response>');
      const b = parseXml(
        '<v:Response xmlns:v="urn:verisign:api"><v:StatusCode>0x00</v:StatusCode></v:Response>',
      );
      expect(a).to.deep.equal(b);
      expect(xmlText(a, "Response", "StatusCode")).to.equal("0x00");
    });

    it("keeps ids and numbers as strings (no float rounding, no lost zeros)", () => {
      const doc = parseXml(
        "<job><id>4295014838</id><big>12345678901234567890</big><code>0042</code><hex>0x00</hex></job>",
      );
      expect(xmlText(doc, "job", "id")).to.equal("4295014838");
      expect(xmlText(doc, "job", "big")).to.equal("12345678901234567890");
      expect(xmlText(doc, "job", "code")).to.equal("0042");
      expect(xmlText(doc, "job", "hex")).to.equal("0x00");
    });

    it("makes repeating elements arrays even when there is one, and other repeats arrays too", () => {
      const one = parseXml("<c><subject_alternative_name><name>a</name></subject_alternative_name></c>");
      expect(xmlList(one, "c", "subject_alternative_name").map((s) => xmlText(s, "name"))).to.deep.equal([
        "a",
      ]);
      const two = parseXml(
        "<c><subject_alternative_name><name>a</name></subject_alternative_name><subject_alternative_name><name>b</name></subject_alternative_name><x>1</x><x>2</x></c>",
      );
      expect(xmlList(two, "c", "subject_alternative_name").map((s) => xmlText(s, "name"))).to.deep.equal([
        "a",
        "b",
      ]);
      expect(xmlList(two, "c", "x")).to.deep.equal(["1", "2"]);
      expect(xmlText(two, "c", "x"), "a path takes the first of a repeat").to.equal("1");
      expect(xmlList(two, "c", "missing")).to.deep.equal([]);
    });

    it("keeps CDATA content as text and decodes the standard entities", () => {
      const doc = parseXml(
        "<c><csr><![CDATA[-----BEGIN X-----\n<&>\n-----END X-----]]></csr><t>a &amp; b &lt;c&gt;</t></c>",
      );
      expect(xmlText(doc, "c", "csr")).to.equal("-----BEGIN X-----\n<&>\n-----END X-----");
      expect(xmlText(doc, "c", "t")).to.equal("a & b <c>");
    });

    it("refuses DOCTYPE and ENTITY declarations", () => {
      expect(() => parseXml('<!DOCTYPE r [<!ENTITY a "x">]><r>&a;</r>')).to.throw(
        XmlSyntaxError,
        /document type/,
      );
      expect(() => parseXml('<?xml version="1.0"?>\n<!doctype html><html></html>')).to.throw(XmlSyntaxError);
    });

    it("refuses truncated, non-XML, empty and multi-root documents with XmlSyntaxError", () => {
      for (const bad of [
        "<response><result><data><certificate_job><job><id>42950",
        "<response><result></response>",
        '{"status":"ERROR"}',
        "",
        "   ",
        "<a>1</a><b>2</b>",
        "<a>1</a><a>2</a>",
      ]) {
        expect(() => parseXml(bad), JSON.stringify(bad)).to.throw(XmlSyntaxError);
      }
    });

    it("xmlPath and xmlText return undefined for missing or non-text elements", () => {
      const doc = parseXml("<r><a><b>1</b></a><e></e></r>");
      expect(xmlPath(doc, "r", "zz")).to.equal(undefined);
      expect(xmlText(doc, "r", "a")).to.equal(undefined);
      expect(xmlText(doc, "r", "e")).to.equal("");
      expect(xmlText(undefined, "r")).to.equal(undefined);
    });
  });

  describe("buildXml", () => {
    it("writes CDATA inline, with no whitespace that the vendor would read as part of the value", () => {
      const xml = buildXml({
        request: { csr: cdata("-----BEGIN-----\nAAA\n-----END-----"), name: cdata("example.com") },
      });
      expect(xml).to.include("<csr><![CDATA[-----BEGIN-----\nAAA\n-----END-----]]></csr>");
      expect(xml).to.include("<name><![CDATA[example.com]]></name>");
    });

    it("escapes text, splits ']]>' inside CDATA, repeats arrays and drops undefined children", () => {
      const xml = buildXml({
        r: { t: "a & <b>", c: cdata("x]]>y"), s: [{ name: "1" }, { name: "2" }], gone: undefined, n: 12 },
      });
      expect(xml).to.equal(
        '<?xml version="1.0" encoding="UTF-8"?>\n<r><t>a &amp; &lt;b&gt;</t><c><![CDATA[x]]]]><![CDATA[>y]]></c>' +
          "<s><name>1</name></s><s><name>2</name></s><n>12</n></r>",
      );
      const back = parseXml(xml);
      expect(xmlText(back, "r", "t")).to.equal("a & <b>");
      expect(xmlText(back, "r", "c")).to.equal("x]]>y");
    });
  });
});
