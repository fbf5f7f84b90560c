// Runs one real JS client's own key-exchange code against a server on the other end of stdio.
// Usage: node handshake-bridge.mjs NODE_MODULES_DIR CLIENT PUBLIC_KEY_PEM_FILE
//   CLIENT: gramjs | mtcute | mtcute-temp | mtcute-legacy | mtproto-core
// Protocol (one line each): the script writes "REQ <hex>" (a whole plain message), reads back the server's plain
// message as hex; at the end it writes "KEY <hex>" (the auth key the client computed) or "ERR <text>".
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import crypto from 'node:crypto';
import fs from 'node:fs';
import readline from 'node:readline';
import path from 'node:path';

const [modules, client, pemFile] = process.argv.slice(2);
const require = createRequire(path.join(modules, 'x.js'));
const esm = (p) => import(pathToFileURL(path.join(modules, p)).href);
const pem = fs.readFileSync(pemFile, 'utf8');
const jwk = crypto.createPublicKey(pem).export({ format: 'jwk' });
const nHex = Buffer.from(jwk.n, 'base64url').toString('hex');
const eHex = Buffer.from(jwk.e, 'base64url').toString('hex');

const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
async function exchange(packet) {
  process.stdout.write('REQ ' + Buffer.from(packet).toString('hex') + '\n');
  const { value, done } = await lines.next();
  if (done) throw new Error('server closed');
  return Buffer.from(value.trim(), 'hex');
}
const quiet = new Proxy({}, { get: (t, k) => (k === 'create' ? () => quiet : k === 'prefix' ? '' : () => {}) });

async function gramjs() {
  const bigInt = require('big-integer');
  const RSA = require('telegram/crypto/RSA');
  const { doAuthentication } = require('telegram/network/Authenticator');
  const { MTProtoPlainSender } = require('telegram/network/MTProtoPlainSender');
  const fingerprint = process.env.FINGERPRINT; // signed decimal, as gramjs keys its map
  RSA._serverKeys.clear();
  RSA._serverKeys.set(fingerprint, { n: bigInt(nHex, 16), e: parseInt(eHex, 16) });
  let pending;
  const connection = { send: async (b) => { pending = exchange(b); }, recv: async () => pending };
  const sender = new MTProtoPlainSender(connection, quiet);
  // gramjs itself retries the whole exchange on the same connection when its check fails (leading zero byte)
  for (let attempt = 1; ; attempt++) {
    try {
      const { authKey } = await doAuthentication(sender, quiet);
      return authKey.getKey();
    } catch (e) {
      if (attempt >= 3 || !/nonce hash/.test(String(e.message))) throw e;
      process.stdout.write('AGAIN ' + e.message + '\n');
    }
  }
}

async function mtcute(expiresIn, old) {
  const Long = require('long');
  const { NodeCryptoProvider } = await esm('@mtcute/node/utils.js');
  const { addPublicKey } = await esm('@mtcute/core/utils.js');
  const { doAuthorization } = await esm('@mtcute/core/network/authorization.js');
  const { __tlReaderMap } = await esm('@mtcute/core/tl/binary/reader.js');
  const { __tlWriterMap } = await esm('@mtcute/core/tl/binary/writer.js');
  const c = new NodeCryptoProvider();
  await c.initialize();
  addPublicKey(c, pem, old);
  let msgId = BigInt(Math.floor(Date.now() / 1000)) << 32n;
  let pending;
  const connection = {
    _session: {
      _readerMap: __tlReaderMap, _writerMap: __tlWriterMap,
      getMessageId: () => { msgId += 4n; return Long.fromString(msgId.toString()); },
      updateTimeOffset() {},
    },
    log: quiet,
    params: { dc: { id: 2, mediaOnly: false }, testMode: false },
    send: async (b) => { pending = exchange(b); },
    waitForUnencryptedMessage: async () => pending,
  };
  const [authKey] = await doAuthorization(connection, c, expiresIn);
  return authKey;
}

async function mtprotoCore() {
  const RPC = require('@mtproto/core/src/rpc');
  const Crypto = require('@mtproto/core/src/crypto');
  const RSA = require('@mtproto/core/src/utils/rsa');
  const env = (m) => require('@mtproto/core/envs/node/' + m);
  // its lookup key: the unsigned fingerprint in hex without leading zeros
  RSA.prototype.getPublisKeysByHex = async () => ({
    [BigInt.asUintN(64, BigInt(process.env.FINGERPRINT)).toString(16)]: { modulus: nHex, exponent: eHex },
  });
  const store = new Map([['timeOffset', 0]]);
  const storage = { get: async (k) => store.get(k), set: async (k, v) => { store.set(k, v); } };
  let sent;
  const transport = { on() {}, isAvailable: true, send: (b) => { sent = b; } };
  const context = { crypto: new Crypto({ SHA1: env('sha1'), SHA256: env('sha256'), PBKDF2: env('pbkdf2'), getRandomBytes: env('get-random-bytes') }), storage };
  const rpc = new RPC({ dc: { id: 2 }, context, transport });
  // its handlers send without awaiting: wait for each message to appear
  const until = async (cond) => { for (let i = 0; i < 5000 && !cond(); i++) await new Promise((r) => setTimeout(r, 1)); };
  await rpc.handleTransportOpen();
  for (let i = 0; i < 10 && !rpc.isAuth; i++) {
    await until(() => sent !== undefined);
    const packet = sent;
    sent = undefined;
    const res = await exchange(packet);
    await rpc.handleMessage(res.buffer.slice(res.byteOffset, res.byteOffset + res.length));
    await until(() => sent !== undefined || rpc.isAuth);
  }
  if (!rpc.isAuth) throw new Error('no dh_gen_ok');
  return Buffer.from(store.get('2authKey'));
}

try {
  let key;
  switch (client) {
    case 'gramjs': key = await gramjs(); break;
    case 'mtcute': key = await mtcute(0, false); break;
    case 'mtcute-temp': key = await mtcute(3600, false); break;
    case 'mtcute-legacy': key = await mtcute(0, true); break;
    case 'mtproto-core': key = await mtprotoCore(); break;
    default: throw new Error('unknown client ' + client);
  }
  process.stdout.write('KEY ' + Buffer.from(key).toString('hex') + '\n');
  process.exit(0);
} catch (e) {
  process.stdout.write('ERR ' + String(e && e.stack || e).replace(/\n/g, ' | ') + '\n');
  process.exit(1);
}
