// Cross-check vectors for the mtproto module's tests, computed by the JS clients' own code (gramjs, mtcute).
// Run from a scratch directory (output saved as vectors.json for mtcute.mjs) holding the test key's public parts, then copy the output into
// gramjs-mtcute.properties:
//   openssl rsa -in keys/test-key-1.pem -RSAPublicKey_out -out pub1.pem
//   openssl rsa -in keys/test-key-1.pem -noout -modulus | cut -d= -f2 > n1.hex
//   node vectors.js
const path = '/work/main/e2e/node_modules/';
const fs = require('fs');
const crypto = require('crypto');
const bigInt = require(path + 'big-integer');
const Helpers = require(path + 'telegram/Helpers');
const { IGE } = require(path + 'telegram/crypto/IGE');
const RSA = require(path + 'telegram/crypto/RSA');
const { AuthKey } = require(path + 'telegram/crypto/AuthKey');
const { MTProtoState } = require(path + 'telegram/network/MTProtoState');

// deterministic "random" bytes
let ctr = 0;
function det(n) { const out = []; while (out.length < n) { out.push(...crypto.createHash('sha256').update('v' + (ctr++)).digest()); } return Buffer.from(out.slice(0, n)); }

(async () => {
  const nHex = fs.readFileSync('n1.hex', 'utf8').trim();
  const n = bigInt(nHex, 16);
  const e = 65537;
  const out = {};
  // mtcute fingerprint
  const { parsePublicKey } = await import(path + '@mtcute/core/utils.js');
  const mtc = parsePublicKey({ sha1: (d) => crypto.createHash('sha1').update(d).digest() }, fs.readFileSync('pub1.pem', 'utf8'));
  out.mtcuteFingerprintHex = mtc.fingerprint;
  // gramjs-style legacy encrypt through its _serverKeys map
  const fpSigned = bigInt(BigInt.asIntN(64, BigInt('0x' + mtc.fingerprint)).toString());
  RSA._serverKeys.set(fpSigned.toString(), { n, e });
  const legacyData = det(100);
  out.legacyData = legacyData.toString('hex');
  out.legacyCipher = (await RSA.encrypt(fpSigned, legacyData)).toString('hex');
  // gramjs RSA_PAD, transcribed from Authenticator.js with its own helpers
  const data = det(120);
  const padding = det(192 - data.length);
  const dataWithPadding = Buffer.concat([data, padding]);
  const dataPadReversed = Buffer.from(dataWithPadding).reverse();
  for (;;) {
    const tempKey = det(32);
    const sha = await Helpers.sha256(Buffer.concat([tempKey, dataWithPadding]));
    const dataWithHash = Buffer.concat([dataPadReversed, sha]);
    const aesEncrypted = new IGE(tempKey, Buffer.alloc(32)).encryptIge(dataWithHash);
    const tempKeyXor = Helpers.bufferXor(tempKey, await Helpers.sha256(aesEncrypted));
    const keyAesEncrypted = Buffer.concat([tempKeyXor, aesEncrypted]);
    const k = Helpers.readBigIntFromBuffer(keyAesEncrypted, false, false);
    if (k.greaterOrEquals(n)) continue;
    out.rsaPadDataWithPadding = dataWithPadding.toString('hex');
    out.rsaPadCipher = Helpers.readBufferFromBigInt(Helpers.modExp(k, bigInt(e), n), 256, false, false).toString('hex');
    break;
  }
  // AES-256-IGE with gramjs's IGE
  const igeKey = det(32), igeIv = det(32), igePlain = det(64);
  out.igeKey = igeKey.toString('hex'); out.igeIv = igeIv.toString('hex'); out.igePlain = igePlain.toString('hex');
  out.igeCipher = new IGE(igeKey, igeIv).encryptIge(igePlain).toString('hex');
  // MTProto 2.0 client->server message with gramjs's MTProtoState
  const keyBytes = det(256);
  const ak = new AuthKey(); await ak.setKey(keyBytes);
  const st = new MTProtoState(ak, { warn() {}, info() {}, debug() {}, error() {} });
  st.salt = bigInt('1234567890123456789'); st.id = bigInt('-987654321987654321');
  const body = det(40);
  const msgId = bigInt('7000000000000000004');
  const inner = Buffer.concat([Helpers.readBufferFromBigInt(msgId, 8, true, true), Buffer.from([3,0,0,0]), Buffer.from([body.length,0,0,0]), body]);
  out.authKey = keyBytes.toString('hex');
  out.authKeyId = BigInt.asIntN(64, BigInt(ak.keyId.toString())).toString();
  out.auxHash = BigInt.asIntN(64, BigInt(ak.auxHash.toString())).toString();
  out.envelopeBody = body.toString('hex');
  out.envelopePacket = (await st.encryptMessageData(inner)).toString('hex');
  const nn = det(32);
  out.newNonce = nn.toString('hex');
  out.newNonceHash1 = Helpers.toSignedLittleBuffer(await ak.calcNewNonceHash(Helpers.readBigIntFromBuffer(nn, true, true), 1), 16).toString('hex');
  console.log(JSON.stringify(out, null, 1));
})().catch(e => { console.error(e); process.exit(1); });
