// Canonical JSON (see canonical.mjs) <-> mtcute's plain TL object form
// ({_: 'photos.photo', accessHash: Long, ...}) for @mtcute/core 0.30.3 (TL layer 227),
// plus mtcute's own binary codec (TlBinaryWriter / TlBinaryReader from
// @mtcute/tl-runtime with the generated writer/reader maps from @mtcute/core).
//
// Metadata comes from @mtcute/core/tl/api-schema.json, the API schema mtcute's
// generated maps were built from (MTProto service types, which mtcute keeps
// apart under mt_* names, are not covered). mtcute field names are the
// camelCased TL names; `long` fields are Long objects, except the fields mtcute
// types as `int53` (user/chat/channel ids), which are plain JS numbers.
import { createRequire } from 'node:module';
import { TlBinaryReader, TlBinaryWriter } from '@mtcute/tl-runtime';
import { __tlReaderMap, __tlWriterMap } from '@mtcute/core/utils.js';
import { Long } from '@mtcute/core';

const require = createRequire(import.meta.url);
const apiSchema = require('@mtcute/core/tl/api-schema.json');

export { TlBinaryReader, TlBinaryWriter, __tlReaderMap, __tlWriterMap, Long };
export const MTCUTE_LAYER = apiSchema.l;

const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

/** @type {Map<string, {name:string, id:number, kind:string, args:{snake:string, camel:string, type:string, isVector:boolean, predicate?:string}[]}>} */
export const mtByName = new Map();
for (const e of apiSchema.e) {
  mtByName.set(e.name, {
    name: e.name,
    id: e.id,
    kind: e.kind,
    args: e.arguments.map((a) => ({
      snake: a.name,
      camel: camel(a.name),
      type: a.type,
      isVector: !!a.typeModifiers?.isVector,
      predicate: a.typeModifiers?.predicate,
    })),
  });
}

const HEX_RE = /^(?:[0-9a-f]{2})*$/;
const DEC_RE = /^-?(?:0|[1-9][0-9]*)$/;

function hexToBytes(v, where) {
  if (typeof v !== 'string' || !HEX_RE.test(v)) throw new Error(`${where}: expected lowercase hex, got ${JSON.stringify(v)}`);
  return new Uint8Array(Buffer.from(v, 'hex'));
}
const bytesToHex = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('hex');

function scalarToMt(type, v, where) {
  switch (type) {
    case 'int':
    case 'double':
      if (typeof v !== 'number') throw new Error(`${where}: expected number`);
      return v;
    case 'int53': {
      if (typeof v !== 'string' || !DEC_RE.test(v)) throw new Error(`${where}: expected long as decimal string`);
      const n = Number(v);
      if (!Number.isSafeInteger(n)) throw new Error(`${where}: ${v} does not fit mtcute's int53`);
      return n;
    }
    case 'long':
      if (typeof v !== 'string' || !DEC_RE.test(v)) throw new Error(`${where}: expected long as decimal string`);
      return Long.fromString(v);
    case 'int128':
    case 'int256':
    case 'bytes':
      return hexToBytes(v, where);
    case 'string':
      if (typeof v !== 'string') throw new Error(`${where}: expected string`);
      return v;
    case 'Bool':
    case 'true':
      if (typeof v !== 'boolean') throw new Error(`${where}: expected boolean`);
      return v;
    default:
      return canonicalToMtcute(v, where);
  }
}

/** Canonical JSON -> mtcute plain object (what mtcute's writer map expects). */
export function canonicalToMtcute(value, where = '') {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${where}: expected object`);
  const info = mtByName.get(value._);
  if (!info) throw new Error(`${where}: mtcute (layer ${MTCUTE_LAYER}) does not know "${value._}"`);
  const here0 = `${where}${where ? '.' : ''}${value._}`;
  const known = new Set(info.args.map((a) => a.snake));
  for (const k of Object.keys(value)) {
    if (k !== '_' && !known.has(k)) throw new Error(`${here0}: mtcute has no field "${k}"`);
  }
  const out = { _: info.name };
  for (const a of info.args) {
    if (a.type === '#') continue;
    const v = value[a.snake];
    const here = `${here0}.${a.snake}`;
    if (v === undefined) {
      if (!a.predicate) throw new Error(`${here}: required field missing`);
      continue;
    }
    out[a.camel] = a.isVector ? v.map((x, i) => scalarToMt(a.type, x, `${here}[${i}]`)) : scalarToMt(a.type, v, here);
  }
  return out;
}

function scalarFromMt(type, v) {
  switch (type) {
    case 'int53':
      return String(v);
    case 'long':
      return v.toString();
    case 'int128':
    case 'int256':
    case 'bytes':
      return bytesToHex(v);
    default:
      if (v !== null && typeof v === 'object') return mtcuteToCanonical(v);
      return v;
  }
}

/** mtcute plain object -> canonical JSON (absent flags / false `true`-flags omitted). */
export function mtcuteToCanonical(obj) {
  const info = mtByName.get(obj._);
  if (!info) throw new Error(`unknown mtcute object ${obj._}`);
  const out = { _: info.name };
  for (const a of info.args) {
    if (a.type === '#') continue;
    const v = obj[a.camel];
    if (v === undefined || v === null) continue;
    if (a.type === 'true') {
      if (v === true) out[a.snake] = true;
      continue;
    }
    out[a.snake] = a.isVector ? v.map((x) => scalarFromMt(a.type, x)) : scalarFromMt(a.type, v);
  }
  return out;
}

/** mtcute serialization (boxed). */
export function mtEncode(obj) {
  return TlBinaryWriter.serializeObject(__tlWriterMap, obj);
}

/** mtcute deserialization of one boxed object. */
export function mtDecode(bytes) {
  return TlBinaryReader.deserializeObject(__tlReaderMap, bytes);
}
