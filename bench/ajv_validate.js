#!/usr/bin/env node
// ajv peer: validate an NDJSON file against a JSON Schema.
// usage: node ajv_validate.js SCHEMA.json FILE.ndjson
//        node ajv_validate.js SCHEMA.json DIRECTORY   (each *.json in it, a
//        document each, read whole in name order, as `ldrest validate DIR`)
//        node ajv_validate.js SCHEMA.json FILE.json   (one document, read
//        whole, as `ldrest validate FILE.json`: bench/shapes.sh's documents)
// Ajv2020 with allErrors, the schema compiled once, JSON.parse per line; the
// file is read in 1 MiB chunks so memory stays bounded, as ldrest's does.
// int64/int32 formats are asserted (as ldrest --assert-formats does), within
// what a double can tell. Prints `documents N invalid M seconds S` (S excludes
// node's start and the compilation; the driver also measures wall time).
'use strict';
const fs = require('fs');
const Ajv2020 = require('ajv/dist/2020');

function intRange(lo, hi) {
  return { type: 'number', validate: (x) => !Number.isInteger(x) || (x >= lo && x <= hi) };
}

function main() {
  const [schemaPath, dataPath] = process.argv.slice(2);
  const ajv = new Ajv2020({ allErrors: true });
  ajv.addFormat('int64', intRange(-(2 ** 63), 2 ** 63));
  ajv.addFormat('int32', intRange(-(2 ** 31), 2 ** 31 - 1));
  const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));

  let documents = 0;
  let invalid = 0;
  const start = process.hrtime.bigint();
  if (fs.statSync(dataPath).isDirectory()) {
    for (const name of fs.readdirSync(dataPath).filter((n) => n.endsWith('.json')).sort()) {
      documents++;
      if (!validate(JSON.parse(fs.readFileSync(dataPath + '/' + name, 'utf8')))) invalid++;
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    console.log(`documents ${documents} invalid ${invalid} seconds ${seconds.toFixed(6)}`);
    return;
  }
  if (dataPath.endsWith('.json')) {
    documents = 1;
    if (!validate(JSON.parse(fs.readFileSync(dataPath, 'utf8')))) invalid++;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    console.log(`documents ${documents} invalid ${invalid} seconds ${seconds.toFixed(6)}`);
    return;
  }
  const fd = fs.openSync(dataPath, 'r');
  const chunk = Buffer.allocUnsafe(1 << 20);
  let carry = Buffer.alloc(0); // a line cut by the chunk boundary
  const onLine = (buf, from, to) => {
    const text = buf.toString('utf8', from, to);
    if (text.trim() === '') return;
    documents++;
    if (!validate(JSON.parse(text))) invalid++;
  };
  for (;;) {
    const n = fs.readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    let buf = chunk.subarray(0, n);
    if (carry.length) buf = Buffer.concat([carry, buf]);
    let from = 0;
    for (let nl = buf.indexOf(10, from); nl !== -1; nl = buf.indexOf(10, from)) {
      onLine(buf, from, nl);
      from = nl + 1;
    }
    carry = Buffer.from(buf.subarray(from)); // copy: chunk is reused
  }
  if (carry.length) onLine(carry, 0, carry.length);
  fs.closeSync(fd);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`documents ${documents} invalid ${invalid} seconds ${seconds.toFixed(6)}`);
}

main();
