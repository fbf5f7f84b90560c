#!/usr/bin/env node
// gramjs (npm `telegram` 2.26.22, TL layer 198) codec bridge for the Java tests.
//
// Bridge mode (default): reads one JSON request per line on stdin, writes exactly
// one JSON response line per request on stdout, exits when stdin closes.
// Logs go to stderr; nothing else is ever written to stdout.
//   {"op":"names"}                 -> {"ok":true,"items":[{"name","id","kind"}...]}
//   {"op":"decode","hex":"..."}    -> {"ok":true,"value":<canonical>,"reencoded":"<hex>"}
//   {"op":"encode","value":{...}}  -> {"ok":true,"hex":"..."}
//   {"op":"corpus"}                -> {"ok":true,"items":[{"hex","value","label"}...]}
//   any failure                    -> {"ok":false,"error":"..."}
//
// Self-test mode: `node tl/gramjs-codec.mjs --self-test` checks that the canonical
// conversion is lossless over the whole corpus; prints "N passed, M failed".
import readline from 'node:readline';

// Keep stdout clean: anything gramjs (or anything else) logs goes to stderr.
const toStderr = (...a) => process.stderr.write(a.map((x) => (typeof x === 'string' ? x : String(x))).join(' ') + '\n');
console.log = toStderr;
console.info = toStderr;
console.debug = toStderr;
console.warn = toStderr;

const { GramCodec, ReadError, deepEqual } = await import('./canonical.mjs');
const { buildCorpus } = await import('./gramjs-corpus.mjs');

// The gramjs instance in use. gramjs's decoder corrupts its own shared schema
// state when reading fails inside a vector (see GramCodec), so after such a
// failure the instance is replaced by freshly loaded gramjs modules before the
// next request.
let canon = GramCodec.load();
let replaceBeforeNextRequest = false;
let reloads = 0;

const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;

function corpusItems() {
  return buildCorpus(canon).map(({ label, obj }) => ({
    hex: canon.toBytes(obj).toString('hex'),
    value: canon.toCanonical(obj),
    label,
  }));
}

function handle(req) {
  if (replaceBeforeNextRequest) {
    canon = GramCodec.load({ fresh: true });
    replaceBeforeNextRequest = false;
    reloads++;
  }
  if (req === null || typeof req !== 'object') throw new Error('request must be a JSON object');
  switch (req.op) {
    case 'names':
      return { ok: true, items: canon.names() };
    case 'decode': {
      if (typeof req.hex !== 'string' || !HEX_RE.test(req.hex)) throw new Error('"hex" must be an even-length hex string');
      let decoded;
      try {
        decoded = canon.decode(Buffer.from(req.hex, 'hex'));
      } catch (e) {
        if (e instanceof ReadError) replaceBeforeNextRequest = true;
        throw e;
      }
      const { value, reencoded } = decoded;
      return { ok: true, value, reencoded: reencoded.toString('hex') };
    }
    case 'encode':
      return { ok: true, hex: canon.encode(req.value).toString('hex') };
    case 'corpus':
      return { ok: true, items: corpusItems() };
    default:
      throw new Error('unknown op: ' + JSON.stringify(req.op));
  }
}

function errorMessage(e) {
  if (e instanceof Error) return `${e.name === 'Error' ? '' : e.name + ': '}${e.message}`;
  return String(e);
}

/** Answer one request line; never throws. */
function answer(line) {
  try {
    return handle(JSON.parse(line));
  } catch (e) {
    return { ok: false, error: errorMessage(e) };
  }
}

function respond(line) {
  const resp = answer(line);
  let out;
  try {
    out = JSON.stringify(resp);
  } catch (e) {
    out = JSON.stringify({ ok: false, error: 'cannot serialize response: ' + errorMessage(e) });
  }
  process.stdout.write(out + '\n');
}

// ------------------------------------------------------------------ self-test

// Hand-written expectations, independent of the converter, for the trickiest
// representations (flags, Bool flags, int128, vectors of longs, negative longs).
const GOLDEN = [
  {
    label: 'golden userProfilePhoto',
    build: (A, L) => new A.UserProfilePhoto({ hasVideo: true, personal: true, photoId: L('-6917529027641081856'), strippedThumb: Buffer.from('010203', 'hex'), dcId: 2 }),
    value: { _: 'userProfilePhoto', has_video: true, personal: true, photo_id: '-6917529027641081856', stripped_thumb: '010203', dc_id: 2 },
    hex: '06f7d182' + '07000000' + '00000000000000a0' + '03010203' + '02000000',
  },
  {
    label: 'golden resPQ (int128, Vector<long>)',
    build: (A, L) => new A.ResPQ({ nonce: L('-1'), serverNonce: L('170141183460469231731687303715884105727'), pq: Buffer.from('17ed48941a08f981', 'hex'), serverPublicKeyFingerprints: [L('-2'), L('1')] }),
    value: {
      _: 'resPQ',
      nonce: 'ff'.repeat(16),
      server_nonce: 'ff'.repeat(15) + '7f',
      pq: '17ed48941a08f981',
      server_public_key_fingerprints: ['-2', '1'],
    },
    hex: '63241605' + 'ff'.repeat(16) + 'ff'.repeat(15) + '7f' + '0817ed48941a08f981000000' + '15c4b51c' + '02000000' + 'feffffffffffffff' + '0100000000000000',
  },
  {
    label: 'golden peerNotifySettings (Bool flags)',
    build: (A) => new A.PeerNotifySettings({ showPreviews: true, silent: false, muteUntil: -1 }),
    value: { _: 'peerNotifySettings', show_previews: true, silent: false, mute_until: -1 },
    hex: '0c2c6299' + '07000000' + 'b5757299' + '379779bc' + 'ffffffff',
  },
  {
    label: 'golden privacyValueAllowUsers (Vector<long>)',
    build: (A, L) => new A.PrivacyValueAllowUsers({ users: [L('7000000001'), L('-3')] }),
    value: { _: 'privacyValueAllowUsers', users: ['7000000001', '-3'] },
    hex: 'b25f90b8' + '15c4b51c' + '02000000' + '01863ba101000000' + 'fdffffffffffffff',
  },
  {
    label: 'golden help.getConfig',
    build: (A) => new A.help.GetConfig(),
    value: { _: 'help.getConfig' },
    hex: '6b18f9c4',
  },
];

function selfTest() {
  let passed = 0;
  let failed = 0;
  const check = (label, fn) => {
    try {
      const problems = fn();
      if (problems.length === 0) {
        passed++;
      } else {
        failed++;
        process.stdout.write(`FAIL ${label}: ${problems.join('; ')}\n`);
      }
    } catch (e) {
      failed++;
      process.stdout.write(`FAIL ${label}: ${e && e.stack ? e.stack : e}\n`);
    }
  };
  const short = (s) => (s.length > 200 ? s.slice(0, 200) + `...(${s.length} chars)` : s);

  const items = corpusItems();
  if (items.length < 20 || items.length > 40) {
    failed++;
    process.stdout.write(`FAIL corpus size ${items.length} is not within 20..40\n`);
  }
  for (const item of items) {
    check(item.label, () => {
      const problems = [];
      // must survive a JSON round trip (that is what the Java side receives)
      const value = JSON.parse(JSON.stringify(item.value));
      if (!deepEqual(value, item.value)) problems.push('value does not survive JSON round trip');
      const enc = canon.encode(value).toString('hex');
      if (enc !== item.hex) problems.push(`encode(value) != corpus hex: ${short(enc)} vs ${short(item.hex)}`);
      const dec = canon.decode(Buffer.from(item.hex, 'hex'));
      const decValue = JSON.parse(JSON.stringify(dec.value));
      if (!deepEqual(decValue, value)) problems.push(`decode(hex).value != value: ${short(JSON.stringify(decValue))}`);
      if (dec.reencoded.toString('hex') !== item.hex) problems.push('gramjs re-encoding of the decoded object differs');
      return problems;
    });
  }
  for (const g of GOLDEN) {
    check(g.label, () => {
      const problems = [];
      const obj = g.build(canon.Api, canon.bigInt);
      const hex = canon.toBytes(obj).toString('hex');
      if (hex !== g.hex) problems.push(`gramjs bytes ${hex} != expected ${g.hex}`);
      const v = canon.toCanonical(obj);
      if (!deepEqual(v, g.value)) problems.push(`toCanonical ${JSON.stringify(v)} != expected ${JSON.stringify(g.value)}`);
      if (canon.encode(g.value).toString('hex') !== g.hex) problems.push('encode(expected value) != expected hex');
      if (!deepEqual(canon.decode(Buffer.from(g.hex, 'hex')).value, g.value)) problems.push('decode(expected hex) != expected value');
      return problems;
    });
  }
  // bridge protocol: errors must be reported, not thrown
  check('bridge errors', () => {
    const problems = [];
    const bad = [
      '{"op":"decode","hex":"0102"}',
      '{"op":"decode","hex":"xyz"}',
      '{"op":"decode","hex":"6b18f9c400"}', // trailing byte
      '{"op":"encode","value":{"_":"noSuchThing"}}',
      '{"op":"encode","value":{"_":"inputPhoto","id":1,"access_hash":"2","file_reference":""}}', // long as number
      '{"op":"encode","value":{"_":"inputPhoto","id":"1","access_hash":"2"}}', // missing field
      '{"op":"encode","value":{"_":"inputPhoto","id":"1","access_hash":"2","file_reference":"","extra":1}}',
      '{"op":"bogus"}',
      'not json',
    ];
    for (const line of bad) {
      const resp = answer(line);
      if (resp.ok !== false || typeof resp.error !== 'string') problems.push(`${line} -> ${JSON.stringify(resp)}`);
    }
    // a failed read inside a vector corrupts gramjs's schema state (see GramCodec);
    // the bridge must recover from it before the next request
    const prog = corpusItems().find((x) => x.label === 'photoSizeProgressive');
    const truncated = answer(JSON.stringify({ op: 'decode', hex: prog.hex.slice(0, -8) }));
    if (truncated.ok !== false) problems.push('truncated photoSizeProgressive decoded: ' + JSON.stringify(truncated));
    const again = answer(JSON.stringify({ op: 'decode', hex: prog.hex }));
    if (!again.ok || !deepEqual(again.value, prog.value)) problems.push('decode after a failed decode went wrong: ' + JSON.stringify(again));
    const names = canon.names();
    const want = { 'photos.photo': 539045032, user: 0x4b46c37e | 0, photoStrippedSize: 0xe0b0bc2e | 0, 'users.getFullUser': 0xb60f5918 | 0 };
    for (const [n, id] of Object.entries(want)) {
      const it = names.find((x) => x.name === n);
      if (!it || it.id !== id) problems.push(`names: ${n} -> ${JSON.stringify(it)}`);
    }
    return problems;
  });
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed === 0;
}

// ------------------------------------------------------------------ main

if (process.argv.includes('--self-test')) {
  process.exitCode = selfTest() ? 0 : 1;
} else {
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  rl.on('line', (line) => {
    if (line.trim() === '') return; // blank lines are not requests
    respond(line);
  });
  rl.on('close', () => {
    // make sure everything written has been flushed before leaving
    process.stdout.write('', () => process.exit(0));
  });
}
