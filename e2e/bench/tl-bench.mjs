#!/usr/bin/env node
// TL encode+decode benchmark: gramjs (npm `telegram` 2.26.22, layer 198) vs
// mtcute (@mtcute/core + @mtcute/tl-runtime 0.30.3, layer 227), on the canonical
// objects in bench/objects/*.json (shared with the Java JMH benchmark).
//
//   taskset -c 1 node bench/tl-bench.mjs [--seconds N] [--warmup N] [--object NAME]... [--library gramjs|mtcute]...
//
// One "op" = serialize the object to bytes + deserialize those bytes to an object.
// After --warmup seconds, the --seconds of measurement are split into ~1 s
// iterations; opsPerSec is over all of them, iterationOpsPerSec per iteration.
// stdout: one JSON line per (library, object). stderr: progress and a summary table.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { GramCodec, deepEqual } from '../tl/canonical.mjs';
import {
  canonicalToMtcute, mtcuteToCanonical, MTCUTE_LAYER,
  TlBinaryReader, TlBinaryWriter, __tlReaderMap, __tlWriterMap,
} from '../tl/mtcute-canonical.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const OBJECTS = ['photos.photo', 'users.userFull', 'config'];

function parseArgs(argv) {
  const opts = { seconds: 3, warmup: 1, objects: [], libraries: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--seconds') opts.seconds = Number(val());
    else if (a === '--warmup') opts.warmup = Number(val());
    else if (a === '--object') opts.objects.push(val());
    else if (a === '--library') opts.libraries.push(val());
    else if (a === '--help' || a === '-h') {
      process.stderr.write('usage: node bench/tl-bench.mjs [--seconds N] [--warmup N] [--object NAME]... [--library gramjs|mtcute]...\n');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (!(opts.seconds > 0) || !(opts.warmup >= 0)) throw new Error('--seconds must be > 0 and --warmup >= 0');
  if (opts.objects.length === 0) opts.objects = OBJECTS;
  if (opts.libraries.length === 0) opts.libraries = ['gramjs', 'mtcute'];
  return opts;
}

let sink = 0; // keeps results alive so nothing is optimized away

/** Run `op` for at least `seconds`; returns {ops, elapsedNs}. */
function runFor(op, seconds) {
  const budget = BigInt(Math.round(seconds * 1e9));
  let batch = 16;
  let ops = 0;
  const start = process.hrtime.bigint();
  let now = start;
  while (now - start < budget) {
    for (let i = 0; i < batch; i++) sink ^= op();
    ops += batch;
    now = process.hrtime.bigint();
    // aim for ~10 ms between clock reads
    const per = Number(now - start) / ops;
    batch = Math.max(1, Math.min(1 << 20, Math.round(1e7 / Math.max(per, 1))));
  }
  return { ops, elapsedNs: Number(now - start) };
}

function libraries(gram) {
  const telegramVersion = require('telegram/package.json').version;
  // @mtcute/core's "exports" does not expose package.json
  const mtcuteDir = path.dirname(require.resolve('@mtcute/core'));
  const mtcuteVersion = JSON.parse(fs.readFileSync(path.join(mtcuteDir, 'package.json'), 'utf8')).version;
  return {
    gramjs: {
      version: telegramVersion,
      layer: gram.layer,
      prepare(value) {
        const obj = gram.fromCanonical(value);
        const bytes = obj.getBytes();
        const back = gram.toCanonical(new gram.BinaryReader(bytes).tgReadObject());
        const { BinaryReader } = gram;
        return {
          bytes,
          roundTrip: back,
          op: () => {
            const b = obj.getBytes();
            const o = new BinaryReader(b).tgReadObject();
            return b.length ^ (o ? 1 : 0);
          },
        };
      },
    },
    mtcute: {
      version: mtcuteVersion,
      layer: MTCUTE_LAYER,
      prepare(value) {
        const obj = canonicalToMtcute(value);
        const bytes = TlBinaryWriter.serializeObject(__tlWriterMap, obj);
        const back = mtcuteToCanonical(TlBinaryReader.deserializeObject(__tlReaderMap, bytes));
        return {
          bytes,
          roundTrip: back,
          op: () => {
            const b = TlBinaryWriter.serializeObject(__tlWriterMap, obj);
            const o = TlBinaryReader.deserializeObject(__tlReaderMap, b);
            return b.length ^ (o ? 1 : 0);
          },
        };
      },
    },
  };
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const gram = GramCodec.load();
  const libs = libraries(gram);
  const results = [];
  for (const objectName of opts.objects) {
    const file = path.join(here, 'objects', `${objectName}.json`);
    const value = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const libName of opts.libraries) {
      const lib = libs[libName];
      if (!lib) throw new Error(`unknown library ${libName}`);
      const p = lib.prepare(value);
      if (!deepEqual(p.roundTrip, value)) {
        throw new Error(`${libName}: ${objectName} does not survive encode+decode:\n${JSON.stringify(p.roundTrip)}`);
      }
      process.stderr.write(`${libName} ${objectName}: ${p.bytes.length} bytes, warming up ${opts.warmup}s, measuring ${opts.seconds}s\n`);
      if (opts.warmup > 0) runFor(p.op, opts.warmup);
      // measure in 1-second iterations (JMH-like) to make noise visible
      const iterations = Math.max(1, Math.round(opts.seconds));
      let ops = 0;
      let elapsedNs = 0;
      const perIteration = [];
      for (let i = 0; i < iterations; i++) {
        const it = runFor(p.op, opts.seconds / iterations);
        ops += it.ops;
        elapsedNs += it.elapsedNs;
        perIteration.push(Math.round((it.ops * 1e9) / it.elapsedNs));
      }
      const r = {
        library: libName,
        version: lib.version,
        layer: lib.layer,
        object: objectName,
        bytes: p.bytes.length,
        ops,
        seconds: +(elapsedNs / 1e9).toFixed(3),
        opsPerSec: Math.round((ops * 1e9) / elapsedNs),
        nsPerOp: Math.round(elapsedNs / ops),
        iterationOpsPerSec: perIteration,
        node: process.version,
      };
      results.push(r);
      process.stdout.write(JSON.stringify(r) + '\n');
    }
  }
  // human-readable summary
  const rows = [['library', 'object', 'bytes', 'ops/s', 'us/op', 'min..max ops/s per iteration']];
  for (const r of results) {
    rows.push([
      `${r.library} ${r.version} (L${r.layer})`, r.object, String(r.bytes), r.opsPerSec.toLocaleString('en-US'),
      (r.nsPerOp / 1000).toFixed(2),
      `${Math.min(...r.iterationOpsPerSec).toLocaleString('en-US')}..${Math.max(...r.iterationOpsPerSec).toLocaleString('en-US')}`,
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const fmt = (row) => row.map((cell, c) => (c >= 2 && c <= 4 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  process.stderr.write('\nTL encode+decode (one op = serialize + deserialize)\n');
  process.stderr.write(fmt(rows[0]) + '\n' + widths.map((w) => '-'.repeat(w)).join('  ') + '\n');
  for (const row of rows.slice(1)) process.stderr.write(fmt(row) + '\n');
  for (const objectName of opts.objects) {
    const g = results.find((r) => r.library === 'gramjs' && r.object === objectName);
    const m = results.find((r) => r.library === 'mtcute' && r.object === objectName);
    if (g && m) process.stderr.write(`${objectName}: mtcute/gramjs = ${(m.opsPerSec / g.opsPerSec).toFixed(1)}x\n`);
  }
  if (sink === 0.5) process.stderr.write(''); // never true; uses sink
}

try {
  main();
} catch (e) {
  process.stderr.write(`tl-bench: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
}
