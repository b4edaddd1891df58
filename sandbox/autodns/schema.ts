/**
 * Checks a JSON value against a model of InterNetX's Swagger 2.0 spec (the subset in
 * ./spec/domainrobot-subset.json, MIT, see ./spec/LICENSE.md). Covers what the spec's request
 * models use: `$ref`, `type` object/array/string/integer/number/boolean, integer `format`
 * int32/int64, `enum`, `required`. Stricter than Swagger on one point, on purpose: a property the
 * model does not define is a violation (the sandbox refuses what it cannot prove the vendor reads,
 * so a misspelt field fails in tests instead of being ignored in production).
 */
import spec from "./spec/domainrobot-subset.json";

/** A Swagger schema object, as far as this checker reads it. */
export interface SchemaNode {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  required?: string[];
}

/** One way a value breaks its model: where (`body.filters[0].key`) and what. */
export interface SchemaViolation {
  path: string;
  problem: string;
}

const DEFINITIONS = (spec as unknown as { definitions: Record<string, SchemaNode> }).definitions;

/** The model named `name` in the spec subset (throws for a name it does not hold). */
export function definition(name: string): SchemaNode {
  const found = DEFINITIONS[name];
  if (!found) throw new Error(`the AutoDNS spec subset has no definition ${name}`);
  return found;
}

function resolve(node: SchemaNode): SchemaNode {
  let current = node;
  for (let depth = 0; current.$ref && depth < 16; depth++) {
    current = definition(current.$ref.replace(/^#\/definitions\//, ""));
  }
  return current;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

const INTEGER_RANGES: Record<string, [number, number]> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** Every violation of `value` against `node`, depth first; empty when it conforms. */
export function validate(value: unknown, node: SchemaNode, path = "body"): SchemaViolation[] {
  const schema = resolve(node);
  const type = schema.type ?? (schema.properties ? "object" : undefined);
  const wrong = (expected: string): SchemaViolation[] => [
    { path, problem: `must be ${expected} (was ${typeOf(value)} ${JSON.stringify(value)})` },
  ];
  switch (type) {
    case "object": {
      if (typeOf(value) !== "object") return wrong("an object");
      const record = value as Record<string, unknown>;
      if (!schema.properties) return [];
      const out: SchemaViolation[] = [];
      for (const key of schema.required ?? [])
        if (record[key] === undefined) out.push({ path: `${path}.${key}`, problem: "is required" });
      for (const [key, v] of Object.entries(record)) {
        const property = schema.properties[key];
        if (!property) out.push({ path: `${path}.${key}`, problem: "is not a property of the model" });
        else out.push(...validate(v, property, `${path}.${key}`));
      }
      return out;
    }
    case "array":
      if (!Array.isArray(value)) return wrong("an array");
      return schema.items ? value.flatMap((v, i) => validate(v, schema.items!, `${path}[${i}]`)) : [];
    case "integer": {
      if (typeof value !== "number" || !Number.isInteger(value)) return wrong("an integer");
      const [min, max] = INTEGER_RANGES[schema.format ?? "int64"] ?? INTEGER_RANGES.int64;
      return value < min || value > max ? wrong(`an ${schema.format} integer`) : [];
    }
    case "number":
      return typeof value === "number" ? [] : wrong("a number");
    case "boolean":
      return typeof value === "boolean" ? [] : wrong("a boolean");
    case "string":
      if (typeof value !== "string") return wrong("a string");
      return schema.enum && !schema.enum.includes(value)
        ? wrong(`one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`)
        : [];
    default:
      return [];
  }
}
