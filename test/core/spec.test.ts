import { readFileSync } from "fs";
import { join } from "path";
import Ajv from "ajv";
import { hlnSpec } from "../../src/core/specs";
import { listIndicators, specColumns, validateSpec } from "../../src/core/spec";
import { specValidatorSource } from "../../scripts/build-spec-validator";

const raw = () => JSON.parse(readFileSync(join(__dirname, "../../src/core/specs/hln.json"), "utf8"));

describe("measure spec", () => {
  test("the shipped HLN spec: five dimensions, weights 0.225 ×4 and 0.1, every indicator of the paper", () => {
    expect(hlnSpec.dimensions.map((d) => [d.id, d.weight])).toEqual([
      ["growth", 0.225],
      ["energy", 0.1],
      ["crime", 0.225],
      ["opportunity", 0.225],
      ["nhs", 0.225],
    ]);
    expect(hlnSpec.dimensions.reduce((s, d) => s + d.weight, 0)).toBeCloseTo(1, 12);
    const ids = listIndicators(hlnSpec).map((x) => x.indicator.id);
    expect(ids).toHaveLength(31);
    // Energy and Crime have no sub-dimensions (paper, step 7 footnote 6)
    expect(hlnSpec.dimensions[1].subdimensions).toBeUndefined();
    expect(hlnSpec.dimensions[2].indicators).toHaveLength(1);
    // shrinkage everywhere except the LA-level education indicators (step 4)
    for (const { indicator, subdimension } of listIndicators(hlnSpec)) {
      if (subdimension?.id === "education_opportunities") expect(indicator.shrink).toBe(false);
    }
    expect(specColumns(hlnSpec)).toContain("pop_16_64");
  });

  test("the JSON Schema accepts the shipped spec", () => {
    const schema = JSON.parse(readFileSync(join(__dirname, "../../src/core/specs/measure.schema.json"), "utf8"));
    const ajv = new Ajv({ allErrors: true });
    const validate = ajv.compile(schema);
    const ok = validate(raw());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test.each([
    [
      (s: any) => (s.dimensions[1].indicators[1].polarity = 2),
      "dimensions[1].indicators[1].polarity: must be 1 or -1 (indicator fuel_poverty)",
    ],
    [
      (s: any) => delete s.dimensions[1].indicators[1].denominator,
      "dimensions[1].indicators[1].denominator: must be a non-empty string (indicator fuel_poverty)",
    ],
    [
      (s: any) => (s.dimensions[2].indicators[0].id = "fuel_poverty"),
      'dimensions[2].indicators[0].id: "fuel_poverty" is already used at dimensions[1].indicators[1]',
    ],
    [
      (s: any) => (s.dimensions[0].weight = -1),
      "dimensions[0].weight: must be a non-negative number (dimension growth)",
    ],
    [
      (s: any) => (s.dimensions[2].indicators[0].kind = "rate"),
      'dimensions[2].indicators[0].kind: must be "count" or "value" (indicator crime_domain)',
    ],
    [
      (s: any) => (s.dimensions[2].indicators[0].shrink = true),
      'dimensions[2].indicators[0].shrink: a value indicator can only be shrunk with a standard error column "se" (indicator crime_domain)',
    ],
    [
      (s: any) => (s.dimensions[1].subdimensions = []),
      'dimensions[1]: needs either "subdimensions" or "indicators", not both (dimension energy)',
    ],
    [(s: any) => (s.options.constant = 0), "options.constant: must be a number greater than 0"],
    [
      (s: any) => (s.options.scaling = "rank"),
      'options.scaling: must be "hln" (rank/(N+1)) or "iod" (rank/N), got "rank"',
    ],
    [(s: any) => s.dimensions.forEach((d: any) => (d.weight = 0)), "dimensions: weights sum to 0"],
  ])("a malformed spec gets a precise error (%#)", (mutate, message) => {
    const s = raw();
    mutate(s);
    expect(() => validateSpec(s)).toThrow(message);
  });
});

describe("the spec is validated from measure.schema.json", () => {
  test("the committed standalone validator is what scripts/build-spec-validator.ts compiles from the schema", () => {
    const committed = readFileSync(join(__dirname, "../../src/core/specs/measureSchemaValidator.ts"), "utf8");
    expect(committed).toBe(specValidatorSource());
    // no code compiled at run time (the task pane's CSP has no 'unsafe-eval')
    expect(committed).not.toMatch(/new Function|eval\(/);
  });
  test.each([
    [(s: any) => (s.dimensions[0].colour = "red"), "dimensions[0].colour: is not a field of the spec format"],
    [(s: any) => (s.options.speed = 1), "options.speed: is not a known option (constant, scaling, overallScaling"],
    [(s: any) => (s.dimensions[0].id = "9lives"), 'dimensions[0].id: "9lives" must start with a letter'],
    [
      (s: any) => (s.dimensions[2].indicators[0].shrink = "yes"),
      "shrink: must be true or false (indicator crime_domain)",
    ],
    [(s: any) => (s.areas = { noun: "" }), "areas.noun: must be a non-empty string"],
  ])("schema rule, specific message (%#)", (mutate, message) => {
    const s = raw();
    mutate(s);
    expect(() => validateSpec(s)).toThrow(message);
  });
});
