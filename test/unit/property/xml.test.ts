// Property tests of the one XML module: any input yields a parsed tree or an XmlSyntaxError —
// never another exception, never a hang — including hostile documents.
import { expect } from "chai";
import fc from "fast-check";
import {
  XmlSyntaxError,
  parseXml,
  partialXmlText,
  xmlIsCutOff,
  xmlList,
  xmlPath,
  xmlText,
} from "../../../sdk/common/xml";
import { RUNS, fixtureBodies, hostileXml, mutated, quick, truncated, xmlDocuments } from "./arbitraries";

const XML_BODIES = [...fixtureBodies("autodns-xml"), ...fixtureBodies("symantec")];

function parsesOrRefuses(text: string): void {
  let doc;
  try {
    doc = quick(2000, () => parseXml(text));
  } catch (e) {
    if (!(e instanceof XmlSyntaxError)) {
      throw new Error(
        `expected XmlSyntaxError, got ${(e as Error).constructor.name}: ${(e as Error).message}`,
      );
    }
    return;
  }
  expect(doc).to.be.an("object");
  expect(Object.keys(doc)).to.have.length(1);
  // The accessors never throw on whatever shape came out.
  const root = Object.keys(doc)[0];
  xmlPath(doc, root, "result", "status");
  xmlText(doc, root, "StatusCode");
  xmlList(doc, root, "msg");
}

describe("property: parseXml", () => {
  it("returns one root element or throws XmlSyntaxError for any string", () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), parsesOrRefuses), { numRuns: RUNS });
  });

  it("returns or refuses vendor-vocabulary trees, well-formed or not", () => {
    fc.assert(fc.property(xmlDocuments(), parsesOrRefuses), { numRuns: RUNS });
  });

  it("returns or refuses recorded vendor answers cut at any byte or mutated", () => {
    fc.assert(fc.property(fc.oneof(truncated(XML_BODIES), mutated(XML_BODIES)), parsesOrRefuses), {
      numRuns: RUNS,
    });
  });

  it("refuses hostile documents (deep nesting, entity declarations, huge attributes) quickly", () => {
    fc.assert(fc.property(hostileXml(), parsesOrRefuses), { numRuns: 40 });
  });

  it("refuses every document type declaration (no entity expansion at all)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), (name) => {
        const doc = `<!DOCTYPE r [<!ENTITY e "${name.replace(/["<>&%]/g, "")}">]><r>&e;</r>`;
        expect(() => parseXml(doc)).to.throw(XmlSyntaxError);
      }),
      { numRuns: 100 },
    );
  });
});

describe("property: partialXmlText (salvaging ids from cut-off answers)", () => {
  it("never throws and returns only text of a complete element", () => {
    const paths = fc.array(
      fc.constantFrom("response", "result", "data", "job", "id", "Response", "StatusCode"),
      {
        minLength: 1,
        maxLength: 4,
      },
    );
    const bodies = fc.oneof(fc.string({ maxLength: 300 }), truncated(XML_BODIES), xmlDocuments());
    fc.assert(
      fc.property(bodies, paths, (body, path) => {
        const text = quick(500, () => partialXmlText(body, ...path));
        if (text !== undefined) {
          expect(text).to.be.a("string").and.not.equal("");
          expect(text).not.to.contain("<");
          expect(body).to.contain(`${text}</`);
        }
        expect(typeof xmlIsCutOff(body)).to.equal("boolean");
      }),
      { numRuns: RUNS },
    );
  });

  it("finds an id that arrived complete in any prefix of a document", () => {
    const doc = "<response><result><data><certificate_job><job><id>4297539522</id><status>RUNNING</status>";
    fc.assert(
      fc.property(fc.integer({ min: 0, max: doc.length }), (cut) => {
        const prefix = doc.slice(0, cut);
        const id = partialXmlText(prefix, "response", "result", "data", "certificate_job", "job", "id");
        if (prefix.includes("4297539522</id>")) expect(id).to.equal("4297539522");
        else expect(id).to.equal(undefined);
      }),
      { numRuns: 200 },
    );
  });
});
