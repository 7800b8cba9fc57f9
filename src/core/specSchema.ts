/**
 * The spec checked against measure.schema.json (the one definition of the spec format), through
 * the standalone validator Ajv compiled from it (specs/measureSchemaValidator.ts; no code is
 * compiled at run time). The first schema error is turned into a message as specific as a
 * hand-written check: the field's path, what it must be, and the indicator or dimension it is in.
 */
import { HlnError } from "./errors";
import { DEFAULT_OPTIONS, isOptionKey, OPTION_RULES } from "./options";
import validateSchema from "./specs/measureSchemaValidator";

interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const LISTS = new Set(["dimensions", "subdimensions", "indicators"]);

/** "/dimensions/1/indicators/2" → "dimensions[1].indicators[2]" ("" → "spec"). */
function dotted(parts: string[]): string {
  let out = "";
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out ? `.${p}` : p;
  return out || "spec";
}

/** " (indicator fuel_poverty)": the innermost object with an id on the path. */
function context(root: unknown, parts: string[]): string {
  let node: unknown = root;
  let ctx = "";
  for (let k = 0; k < parts.length; k++) {
    node = (node as Record<string, unknown> | undefined)?.[parts[k]];
    const kind = parts[k - 1];
    const id = (node as { id?: unknown } | undefined)?.id;
    if (/^\d+$/.test(parts[k]) && typeof id === "string" && LISTS.has(kind))
      ctx = ` (${kind === "subdimensions" ? "sub-dimension" : kind === "dimensions" ? "dimension" : "indicator"} ${id})`;
  }
  return ctx;
}

function valueAt(root: unknown, parts: string[]): unknown {
  return parts.reduce<unknown>((n, p) => (n as Record<string, unknown> | undefined)?.[p], root);
}

const orList = (xs: unknown[]) =>
  xs
    .map((x) => JSON.stringify(x))
    .join(" or ")
    .replace(/"(-?\d+)"/g, "$1");

/** What the field must be, for one schema error. */
function must(e: SchemaError, field: string, parent: string, value: unknown): string {
  if (parent === "options" && isOptionKey(field) && e.keyword !== "additionalProperties")
    return `${OPTION_RULES[field]}, got ${JSON.stringify(value)}`;
  switch (e.keyword) {
    case "required":
    case "minLength":
    case "minItems":
    case "type":
      if (field === "numerator") return "must be a non-empty list of column ids";
      if (LISTS.has(field)) return "must be a non-empty list";
      if (field === "weight") return "must be a non-negative number";
      if (e.keyword === "type" && e.params.type === "object") return "must be an object";
      if (e.keyword === "type" && e.params.type === "boolean") return "must be true or false";
      return "must be a non-empty string";
    case "minimum":
      return "must be a non-negative number";
    case "enum":
      return `must be ${orList(e.params.allowedValues as unknown[])}`;
    case "pattern":
      return `"${String(value)}" must start with a letter and use only letters, digits and _`;
    case "additionalProperties":
      return parent === "options"
        ? `is not a known option (${Object.keys(DEFAULT_OPTIONS).join(", ")})`
        : "is not a field of the spec format";
    default:
      return e.message ?? "is not valid";
  }
}

/** The most useful error first: a dimension's both/neither rule, then the first concrete error. */
function pick(errors: SchemaError[], root: unknown): SchemaError {
  const oneOf = errors.find((e) => e.keyword === "oneOf");
  if (oneOf) {
    const d = valueAt(root, oneOf.instancePath.split("/").slice(1)) as Record<string, unknown> | undefined;
    if (d && (("subdimensions" in d && "indicators" in d) || !("subdimensions" in d || "indicators" in d)))
      return oneOf;
  }
  return errors.find((e) => !["if", "oneOf", "anyOf", "allOf"].includes(e.keyword)) ?? errors[0];
}

/** Throws HlnError("SPEC_INVALID") naming the field unless `x` matches measure.schema.json. */
export function checkSpecSchema(x: unknown): void {
  if (validateSchema(x)) return;
  const errors = (validateSchema as unknown as { errors: SchemaError[] }).errors;
  const e = pick(errors, x);
  const parts = e.instancePath.split("/").slice(1);
  if (e.keyword === "oneOf") {
    const d = valueAt(x, parts) as Record<string, unknown>;
    const both = "subdimensions" in d && "indicators" in d;
    throw new HlnError(
      "SPEC_INVALID",
      `needs either "subdimensions" or "indicators", not ${both ? "both" : "neither"}${context(x, parts)}`,
      dotted(parts),
    );
  }
  const extra =
    e.keyword === "required"
      ? String(e.params.missingProperty)
      : e.keyword === "additionalProperties"
        ? String(e.params.additionalProperty)
        : undefined;
  const full = extra ? [...parts, extra] : parts;
  const field = full[full.length - 1] ?? "spec";
  const parent = full[full.length - 2] ?? "";
  throw new HlnError("SPEC_INVALID", `${must(e, field, parent, valueAt(x, full))}${context(x, full)}`, dotted(full));
}
