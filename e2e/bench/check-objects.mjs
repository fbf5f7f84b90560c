#!/usr/bin/env node
// Checks that the canonical benchmark objects in bench/objects/ use only
// constructors and fields that exist with the same name and the same TL type in
// every listed schema (default: layers 198 = gramjs, 227 = mtcute, 228), and that
// every required field is given.
//
//   node bench/check-objects.mjs [TL_DIR]      (TL_DIR defaults to <repo>/reference/tl)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const tlDir = process.argv[2] || path.resolve(here, '../../reference/tl');
const LAYERS = [198, 227, 228];
const OBJECTS = ['photos.photo', 'users.userFull', 'config'];

function parseSchema(file) {
  const byName = new Map();
  for (let line of fs.readFileSync(file, 'utf8').split('\n')) {
    const c = line.indexOf('//');
    if (c !== -1) line = line.slice(0, c);
    line = line.trim();
    const m = line.match(/^([\w.]+)#([0-9a-f]+)\s+(.*?)\s*=\s*[^=]+;$/);
    if (!m) continue;
    const fields = new Map();
    for (const tok of m[3].split(/\s+/)) {
      const fm = tok.match(/^(\w+):(.+)$/);
      if (!fm) continue; // {X:Type} etc.
      fields.set(fm[1], fm[2]);
    }
    if (!byName.has(m[1])) byName.set(m[1], { id: m[2], fields });
  }
  return byName;
}

const schemas = Object.fromEntries(LAYERS.map((l) => [l, parseSchema(path.join(tlDir, `api.layer${l}.tl`))]));
const problems = [];

function check(value, where) {
  if (Array.isArray(value)) {
    value.forEach((v, i) => check(v, `${where}[${i}]`));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const name = value._;
  const ref = schemas[LAYERS[0]].get(name);
  for (const l of LAYERS) {
    const c = schemas[l].get(name);
    if (!c) {
      problems.push(`${where}: ${name} missing in layer ${l}`);
      continue;
    }
    for (const [k, v] of Object.entries(value)) {
      if (k === '_') continue;
      const t = c.fields.get(k);
      if (t === undefined) problems.push(`${where}.${k}: no such field in layer ${l}`);
      else if (ref && ref.fields.get(k) !== t) problems.push(`${where}.${k}: type ${t} in layer ${l} vs ${ref.fields.get(k)} in ${LAYERS[0]}`);
      if (t === '#') problems.push(`${where}.${k}: # fields must not be given`);
    }
    for (const [k, t] of c.fields) {
      if (t !== '#' && !t.includes('?') && !(k in value)) problems.push(`${where}.${k}: required in layer ${l} but not given`);
    }
  }
  for (const [k, v] of Object.entries(value)) if (k !== '_') check(v, `${where}.${k}`);
}

for (const o of OBJECTS) {
  const value = JSON.parse(fs.readFileSync(path.join(here, 'objects', `${o}.json`), 'utf8'));
  check(value, o);
}
if (problems.length) {
  for (const p of problems) console.log('FAIL ' + p);
  console.log(`0 passed, ${problems.length} failed`);
  process.exit(1);
}
console.log(`objects ${OBJECTS.join(', ')} use only fields common to layers ${LAYERS.join(', ')}`);
