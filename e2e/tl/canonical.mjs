// Canonical JSON <-> gramjs (npm `telegram` 2.26.22, TL layer 198) conversion.
//
// Canonical JSON (shared with the Java side, must be exact):
//   * object: {"_": "<TL name as in the schema>", "<snake_case field>": value, ...}
//     fields in the order of the TL schema line;
//   * `#` fields (flags, flags2) are never emitted: they are computed;
//   * flags.N?true: `true` when set, omitted when not set;
//   * absent flags.N?T: omitted;
//   * int -> number; long -> signed decimal string; double -> number;
//     int128/int256 -> lowercase hex of the little-endian wire bytes;
//     bytes -> lowercase hex; string -> string; Bool -> true/false;
//     Vector<T> -> array; nested/`!X` objects -> nested canonical objects.
//
// The schema metadata (raw TL names, snake_case field names, argument types)
// is taken from the very TL text gramjs builds its classes from
// (telegram/tl/apiTl.js + telegram/tl/schemaTl.js), parsed with gramjs's own
// `fromLine`, and matched to gramjs's classes by constructor id.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const telegramDir = require.resolve('telegram/package.json').replace(/package\.json$/, '');
const gramRequire = createRequire(telegramDir + 'package.json');

export const bigInt = gramRequire('big-integer');

const BOOL_TRUE = 0x997275b5;
const BOOL_FALSE = 0xbc799737;
const VECTOR = 0x1cb5c415;

// gramjs's parseTl() retypes `string` arguments as `bytes` for these handshake
// constructors (generationHelpers.js AUTH_KEY_TYPES, not exported); replicate it
// so the metadata matches the argsConfig gramjs's classes really use.
const AUTH_KEY_TYPES = new Set([
  0x05162463, 0x83c95aec, 0xa9f55f95, 0x3c6a84d4, 0x56fddf88, 0xd0e8075c,
  0xb5890dba, 0x6643b654, 0xd712e4be, 0xf5045f1f, 0x3072cfa1,
]);

const INT64_MIN = bigInt('-9223372036854775808');
const INT64_MAX = bigInt('9223372036854775807');

/** @typedef {{snake:string, camel:string, cfg:object}} FieldInfo */
/** @typedef {{name:string, id:number, kind:'constructor'|'method', clazz:any, fields:FieldInfo[], bySnake:Map<string,FieldInfo>, line:string}} TypeInfo */

/**
 * One independent instance of gramjs's TL machinery (Api classes, tlobjects,
 * BinaryReader) plus the canonical-JSON metadata for it.
 *
 * Why instances: gramjs's decoder (tl/api.js getArgFromReader) temporarily sets
 * `arg.isVector = false` on the SHARED argsConfig while it reads vector elements
 * and restores it only on success. If reading throws inside a vector (truncated
 * or malformed input), that field of that class stays corrupted for the rest of
 * the process: later decodes of perfectly valid bytes then fail or go wrong.
 * A long-running bridge must therefore throw away a gramjs instance after a
 * failed decode (see `GramCodec.load({fresh: true})`).
 */
export class GramCodec {
  /** @param {{fresh?: boolean}} [opts] fresh: load new copies of gramjs's modules */
  static load(opts = {}) {
    if (opts.fresh) {
      for (const k of Object.keys(gramRequire.cache)) {
        if (k.startsWith(telegramDir)) delete gramRequire.cache[k];
      }
    }
    return new GramCodec();
  }

  constructor() {
    const { Api } = gramRequire('./tl/index.js'); // Api + gramjs's Message patches
    const { tlobjects, LAYER } = gramRequire('./tl/AllTLObjects.js');
    this.Api = Api;
    this.BinaryReader = gramRequire('./extensions/BinaryReader.js').BinaryReader;
    this.tlobjects = tlobjects;
    this.layer = LAYER;
    this.bigInt = bigInt;
    this.gh = gramRequire('./tl/generationHelpers.js');
    this.helpers = gramRequire('./Helpers.js');
    /** @type {Map<string, TypeInfo>} TL name -> info */
    this.byName = new Map();
    /** @type {Map<number, TypeInfo>} unsigned constructor id -> info */
    this.byId = new Map();
    /** @type {Map<any, TypeInfo>} gramjs class -> info */
    this.byClass = new Map();
    this._buildRegistry(gramRequire('./tl/apiTl.js'), gramRequire('./tl/schemaTl.js'));
  }

  _buildRegistry(...contents) {
    const gh = this.gh;
    for (const content of contents) {
      let isFunction = false;
      for (let line of content.split('\n')) {
        // identical pre-processing to gramjs's parseTl()
        const commentIndex = line.indexOf('//');
        if (commentIndex !== -1) line = line.slice(0, commentIndex);
        line = line.trim();
        if (!line) continue;
        const sec = line.match(/---(\w+)---/);
        if (sec) {
          isFunction = sec[1] === 'functions';
          continue;
        }
        let parsed;
        try {
          parsed = gh.fromLine(line, isFunction);
        } catch (e) {
          continue; // vector#1cb5c415 {t:Type} # [ t ] = Vector t;
        }
        if (gh.CORE_TYPES.has(parsed.constructorId)) continue; // boolTrue/boolFalse/true/error/null
        const clazz = this.tlobjects[parsed.constructorId];
        if (!clazz) continue;
        if (AUTH_KEY_TYPES.has(parsed.constructorId)) {
          for (const a of Object.values(parsed.argsConfig)) if (a.type === 'string') a.type = 'bytes';
        }
        const rawName = line.match(/^([\w.]+)/)[1];
        const fields = [];
        for (const [brace, snake] of gh.findAll(/({)?(\w+):([\w\d<>#.?!]+)}?/, line)) {
          if (brace !== undefined) continue; // {X:Type}
          const camel = gh.variableSnakeToCamelCase(snake);
          fields.push({ snake, camel, cfg: parsed.argsConfig[camel] });
        }
        const info = {
          name: rawName,
          id: parsed.constructorId >>> 0,
          kind: isFunction ? 'method' : 'constructor',
          clazz,
          fields,
          bySnake: new Map(fields.map((f) => [f.snake, f])),
          line,
        };
        if (this.byId.has(info.id)) continue;
        this.byId.set(info.id, info);
        this.byName.set(rawName, info);
        this.byClass.set(clazz, info);
      }
    }
  }

  /** All constructors and methods gramjs knows, with schema names and signed ids. */
  names() {
    const items = [];
    for (const info of this.byId.values()) items.push({ name: info.name, id: info.id | 0, kind: info.kind });
    return items;
  }

  infoOf(obj) {
    const info = this.byClass.get(obj && obj.constructor);
    if (info) return info;
    throw new Error('not a TL object of this gramjs instance: ' + describe(obj));
  }

  // -------------------------------------------------------------- gramjs -> canonical

  _scalarToCanonical(type, v, where) {
    switch (type) {
      case 'int':
        if (typeof v !== 'number') throw new Error(`${where}: expected int, got ${describe(v)}`);
        return v;
      case 'long':
        return this.helpers.returnBigInt(v).toString();
      case 'int128':
        return this.helpers.toSignedLittleBuffer(v, 16).toString('hex');
      case 'int256':
        return this.helpers.toSignedLittleBuffer(v, 32).toString('hex');
      case 'double':
        if (typeof v !== 'number') throw new Error(`${where}: expected double, got ${describe(v)}`);
        return v;
      case 'string':
        if (typeof v !== 'string') throw new Error(`${where}: expected string, got ${describe(v)}`);
        return v;
      case 'bytes':
        if (!Buffer.isBuffer(v)) throw new Error(`${where}: expected bytes, got ${describe(v)}`);
        return v.toString('hex');
      case 'Bool':
        if (typeof v !== 'boolean') throw new Error(`${where}: expected Bool, got ${describe(v)}`);
        return v;
      case 'true':
        return true;
      default:
        return this.toCanonical(v, where);
    }
  }

  /** Convert a gramjs TL object (or a top-level Bool / Vector) to canonical JSON. */
  toCanonical(obj, where = '') {
    if (typeof obj === 'boolean') return obj;
    if (Array.isArray(obj)) return obj.map((x, i) => this.toCanonical(x, `${where}[${i}]`));
    const info = this.infoOf(obj);
    const out = { _: info.name };
    for (const f of info.fields) {
      const { cfg } = f;
      if (cfg.flagIndicator) continue;
      const v = obj[f.camel];
      const here = `${where}${where ? '.' : ''}${info.name}.${f.snake}`;
      if (cfg.isFlag) {
        if (cfg.type === 'true' && !cfg.isVector) {
          if (v) out[f.snake] = true;
          continue;
        }
        if (v === null || v === undefined) continue;
        // gramjs's getBytes() treats `false` as absent for every flag type but Bool
        if (v === false && cfg.type !== 'Bool') continue;
      } else if (v === null || v === undefined) {
        throw new Error(`${here}: required field is ${v}`);
      }
      if (cfg.isVector) {
        if (!Array.isArray(v)) throw new Error(`${here}: expected vector, got ${describe(v)}`);
        out[f.snake] = v.map((x, i) => this._scalarToCanonical(cfg.type, x, `${here}[${i}]`));
      } else {
        out[f.snake] = this._scalarToCanonical(cfg.type, v, here);
      }
    }
    return out;
  }

  // -------------------------------------------------------------- canonical -> gramjs

  _scalarFromCanonical(type, v, where) {
    switch (type) {
      case 'int':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < -2147483648 || v > 2147483647) {
          throw new Error(`${where}: expected int32 number, got ${JSON.stringify(v)}`);
        }
        return v;
      case 'long': {
        if (typeof v !== 'string' || !DEC_RE.test(v) || v === '-0') {
          throw new Error(`${where}: expected long as decimal string, got ${JSON.stringify(v)}`);
        }
        const b = bigInt(v);
        if (b.lesser(INT64_MIN) || b.greater(INT64_MAX)) throw new Error(`${where}: long out of range: ${v}`);
        return b;
      }
      case 'int128':
      case 'int256': {
        const n = type === 'int128' ? 16 : 32;
        if (typeof v !== 'string' || !HEX_RE.test(v) || v.length !== n * 2) {
          throw new Error(`${where}: expected ${type} as ${n * 2} lowercase hex chars, got ${JSON.stringify(v)}`);
        }
        return this.helpers.readBigIntFromBuffer(Buffer.from(v, 'hex'), true, true);
      }
      case 'double':
        if (typeof v !== 'number') throw new Error(`${where}: expected double number, got ${JSON.stringify(v)}`);
        return v;
      case 'string':
        if (typeof v !== 'string') throw new Error(`${where}: expected string, got ${JSON.stringify(v)}`);
        return v;
      case 'bytes':
        if (typeof v !== 'string' || !HEX_RE.test(v)) {
          throw new Error(`${where}: expected bytes as lowercase hex, got ${JSON.stringify(v)}`);
        }
        return Buffer.from(v, 'hex');
      case 'Bool':
        if (typeof v !== 'boolean') throw new Error(`${where}: expected Bool, got ${JSON.stringify(v)}`);
        return v;
      case 'true':
        if (v !== true) throw new Error(`${where}: a true-typed field must be true or omitted`);
        return true;
      default:
        return this.fromCanonical(v, where);
    }
  }

  /** Build a gramjs TL object (new Api.X({...}), recursively) from canonical JSON. */
  fromCanonical(value, where = '') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new Error(`${where || 'value'}: expected a canonical object, got ${JSON.stringify(value)}`);
    }
    const name = value._;
    if (typeof name !== 'string') throw new Error(`${where || 'value'}: missing "_"`);
    const info = this.byName.get(name);
    if (!info) throw new Error(`${where || 'value'}: gramjs (layer ${this.layer}) does not know "${name}"`);
    const here0 = `${where}${where ? '.' : ''}${name}`;
    for (const k of Object.keys(value)) {
      if (k === '_') continue;
      const f = info.bySnake.get(k);
      if (!f) throw new Error(`${here0}: unknown field "${k}"`);
      if (f.cfg.flagIndicator) throw new Error(`${here0}: "${k}" is a # field and must not be given`);
    }
    const args = {};
    for (const f of info.fields) {
      const { cfg } = f;
      if (cfg.flagIndicator) continue;
      const here = `${here0}.${f.snake}`;
      const v = value[f.snake];
      if (v === undefined) {
        if (!cfg.isFlag) throw new Error(`${here}: required field missing`);
        continue;
      }
      if (cfg.isVector) {
        if (!Array.isArray(v)) throw new Error(`${here}: expected array, got ${JSON.stringify(v)}`);
        args[f.camel] = v.map((x, i) => this._scalarFromCanonical(cfg.type, x, `${here}[${i}]`));
      } else {
        args[f.camel] = this._scalarFromCanonical(cfg.type, v, here);
      }
    }
    return new info.clazz(args);
  }

  // -------------------------------------------------------------- wire

  /** gramjs serialization of a TL object (or of a top-level Bool / Vector of objects). */
  toBytes(obj) {
    if (typeof obj === 'boolean') {
      const b = Buffer.alloc(4);
      b.writeUInt32LE(obj ? BOOL_TRUE : BOOL_FALSE, 0);
      return b;
    }
    if (Array.isArray(obj)) {
      const head = Buffer.alloc(8);
      head.writeUInt32LE(VECTOR, 0);
      head.writeInt32LE(obj.length, 4);
      return Buffer.concat([head, ...obj.map((x) => this.toBytes(x))]);
    }
    return obj.getBytes();
  }

  /**
   * Decode one boxed TL object with gramjs's BinaryReader.tgReadObject().
   * Throws ReadError if gramjs's reader threw (this instance may now be
   * corrupted, see the class comment); throws a plain Error if the object was
   * read but bytes are left over.
   */
  readObject(buf) {
    const reader = new this.BinaryReader(buf);
    let obj;
    try {
      obj = reader.tgReadObject();
    } catch (e) {
      throw new ReadError(e);
    }
    const rest = buf.length - reader.tellPosition();
    if (rest !== 0) throw new Error(`${rest} trailing byte(s) after the object (read ${reader.tellPosition()} of ${buf.length})`);
    return obj;
  }

  encode(value) {
    return this.toBytes(this.fromCanonical(value));
  }

  decode(buf) {
    const obj = this.readObject(buf);
    return { value: this.toCanonical(obj), reencoded: this.toBytes(obj) };
  }
}

/** gramjs's reader threw; the GramCodec instance should be replaced. */
export class ReadError extends Error {
  constructor(cause) {
    super(cause instanceof Error ? `${cause.name === 'Error' ? '' : cause.name + ': '}${cause.message}` : String(cause));
    this.name = 'ReadError';
    this.cause = cause;
  }
}

function describe(v) {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Buffer.isBuffer(v)) return 'Buffer(' + v.length + ')';
  if (typeof v === 'object') return v.className || v.constructor?.name || 'object';
  return typeof v + ' ' + String(v);
}

const HEX_RE = /^(?:[0-9a-f]{2})*$/;
const DEC_RE = /^-?(?:0|[1-9][0-9]*)$/;

/** Deep equality for canonical JSON values (plain JSON data; key order matters). */
export function deepEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return false;
    if (!deepEqual(a[ka[i]], b[ka[i]])) return false;
  }
  return true;
}
