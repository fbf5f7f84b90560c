// Regenerates ../resources/interop-vectors.properties from the npm clients' own transport code
// (needs `npm ci` in e2e/):  node transport/src/test/node/interop-vectors.mjs > transport/src/test/resources/interop-vectors.properties
import { createRequire } from 'node:module';
const nm = new URL('../../../../e2e/node_modules/', import.meta.url);
const require = createRequire(nm);
require('telegram'); // loads gramjs's modules in the order its circular imports need
const { ConnectionTCPObfuscated } = require('telegram/network/connection/TCPObfuscated');
const { AbridgedPacketCodec } = require('telegram/network/connection/TCPAbridged');
const { FullPacketCodec } = require('telegram/network/connection/TCPFull');
const { PromisedNetSockets } = require('telegram/extensions');
const { Logger } = require('telegram/extensions/Logger');
const { ObfuscatedPacketCodec, PaddedIntermediatePacketCodec, IntermediatePacketCodec } =
  await import(new URL('@mtcute/core/index.js', nm));
const { NodeCryptoProvider } = await import(new URL('@mtcute/node/utils/crypto.js', nm));
const { Bytes } = await import(new URL('@fuman/io/index.js', nm));

const payloads = [Buffer.alloc(8, 0x11), Buffer.from([...Array(600).keys()].map(i => i & 0xff))];
const hex = b => Buffer.from(b).toString('hex');
const lines = [
  "# Client byte streams produced by the npm clients' own transport code (gramjs, @mtcute/core),",
  '# by src/test/node/interop-vectors.mjs; each sends two frames: 8 bytes of 0x11, then 600 bytes 00 01 .. ff 00 01 ...',
  "# serverCiphertext: what the client's decryptor maps serverFrame to, i.e. what the server must send for it.",
  "# (The server's padding is random, so for padded only the first 12 bytes can be compared.)",
];

// gramjs: obfuscated abridged
const conn = new ConnectionTCPObfuscated({ ip: '127.0.0.1', port: 1, dcId: 2, loggers: new Logger('none'), socket: PromisedNetSockets });
const written = [];
const io = new conn.ObfuscatedIO({ socket: { write: b => written.push(Buffer.from(b)) }, PacketCodecClass: AbridgedPacketCodec });
await io.initHeader();
const abridged = new AbridgedPacketCodec(conn);
for (const p of payloads) io.write(abridged.encodePacket(p));
let serverFrame = Buffer.concat([Buffer.from([2]), Buffer.alloc(8, 0x22)]);
lines.push(`gramjs.obfuscatedAbridged.clientStream=${hex(Buffer.concat([io.header, ...written]))}`,
  `gramjs.obfuscatedAbridged.serverFrame=${hex(serverFrame)}`,
  `gramjs.obfuscatedAbridged.serverCiphertext=${hex(io._decrypt.encrypt(serverFrame))}`);

// mtcute: obfuscated intermediate and padded intermediate
const crypto = new NodeCryptoProvider();
await crypto.initialize?.();
for (const [name, Inner] of [['Intermediate', IntermediatePacketCodec], ['PaddedIntermediate', PaddedIntermediatePacketCodec]]) {
  const codec = new ObfuscatedPacketCodec(new Inner());
  codec.setup(crypto, { debug() {}, prefix: '' });
  const header = await codec.tag();
  const into = Bytes.alloc();
  for (const p of payloads) await codec.encode(p, into);
  serverFrame = Buffer.concat([Buffer.from('08000000', 'hex'), Buffer.alloc(8, 0x22)]);
  lines.push(`mtcute.obfuscated${name}.clientStream=${hex(Buffer.concat([header, into.result()]))}`,
    `mtcute.obfuscated${name}.serverFrame=${hex(serverFrame)}`,
    `mtcute.obfuscated${name}.serverCiphertext=${hex(codec._decryptor.process(serverFrame))}`);
}

// gramjs: plain full
const full = new FullPacketCodec({});
lines.push(`gramjs.full.clientStream=${hex(Buffer.concat(payloads.map(p => full.encodePacket(p))))}`);
console.log(lines.join('\n'));
