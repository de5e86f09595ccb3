// Validate exported documents against the schema bundle with ajv (draft 2020-12).
//
//   node validate.mjs build/schoollogistics.schema.json build/ledger.json [more...]
//
// Each file is checked against the bundle definition named by its file name:
// ledger.json -> AssetEventLog, violations.json -> ViolationList (an array of
// Violation). A few documents the library refuses are checked to fail too.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [bundlePath, ...documents] = process.argv.slice(2);
const bundle = JSON.parse(readFileSync(bundlePath, "utf8"));

const ajv = new Ajv2020({ strict: true, allErrors: true });
ajv.addVocabulary(["tsType"]); // the TypeScript hint of fixed-length arrays: an annotation
addFormats(ajv, ["date", "date-time"]);
ajv.addSchema(bundle);

const definitionOf = {
  "ledger.json": { $ref: `${bundle.$id}#/$defs/AssetEventLog` },
  "violations.json": { type: "array", items: { $ref: `${bundle.$id}#/$defs/Violation` } },
};

let failures = 0;
const check = (label, schema, data, expected) => {
  const validate = ajv.compile(schema);
  const ok = validate(data);
  if (ok !== expected) {
    failures += 1;
    console.error(`FAIL ${label}: expected ${expected ? "valid" : "invalid"}`);
    if (validate.errors) console.error(JSON.stringify(validate.errors.slice(0, 3), null, 2));
  }
  return ok;
};

for (const path of documents) {
  const schema = definitionOf[basename(path)];
  if (schema === undefined) throw new Error(`no definition for ${path}`);
  const data = JSON.parse(readFileSync(path, "utf8"));
  if (check(path, schema, data, true)) console.log(`ok ${path} (${data.length} items)`);
}

// The schema refuses what the library refuses.
const log = { $ref: `${bundle.$id}#/$defs/AssetEventLog` };
const events = JSON.parse(readFileSync(documents[0], "utf8"));
const first = events[0];
const refused = {
  "an unknown key": [{ ...first, extra: 1 }],
  "an unknown tag": [{ ...first, type: "Nope" }],
  "no tag": [Object.fromEntries(Object.entries(first).filter(([k]) => k !== "type"))],
  "a number as a date": [{ ...first, effective_on: 20250825 }],
  "a date without dashes": [{ ...first, effective_on: "20250825" }],
};
const received = events.find((event) => event.type === "Received");
if (received !== undefined) {
  refused["money as a number"] = [{ ...received, unit_cost: 15 }];
  refused["money with an exponent"] = [{ ...received, unit_cost: "1E+3" }];
  refused["money with a loose comma"] = [{ ...received, unit_cost: "12,50" }];
  refused["a quantity as text"] = [{ ...received, quantity: "30" }];
  refused["a fractional quantity"] = [{ ...received, quantity: 2.5 }];
}
for (const [label, data] of Object.entries(refused)) check(label, log, data, false);

const errorPayload = { $ref: `${bundle.$id}#/$defs/ErrorPayload` };
check(
  "an error payload",
  errorPayload,
  {
    code: "money.float_refused",
    params: { value: 12.5 },
    message_en: "amounts are text",
    message_zh: "金额须为文本",
    path: "$[0].unit_cost",
  },
  true,
);

if (failures > 0) {
  console.error(`${failures} check(s) failed`);
  process.exit(1);
}
console.log(`ok ajv: ${Object.keys(refused).length} refused documents refused, error payload valid`);
