// Run after vectors.js, in the same directory (it reads vectors.json = vectors.js's output); append the output
// to gramjs-mtcute.properties.
// mtcute part of the cross-check vectors (its WASM AES-IGE and key derivations).
import crypto from 'node:crypto';
import fs from 'node:fs';
const path = '/work/main/e2e/node_modules/';
const { NodeCryptoProvider } = await import(path + '@mtcute/node/utils.js');
const { createAesIgeForMessage, createAesIgeForMessageOld } = await import(path + '@mtcute/core/utils/crypto/mtproto.js');
const c = new NodeCryptoProvider();
await c.initialize();
let ctr = 1000;
function det(n) { const out = []; while (out.length < n) out.push(...crypto.createHash('sha256').update('v' + (ctr++)).digest()); return Buffer.from(out.slice(0, n)); }
const le64 = (v) => { const b = Buffer.alloc(8); b.writeBigInt64LE(BigInt(v)); return b; };
const le32 = (v) => { const b = Buffer.alloc(4); b.writeInt32LE(v); return b; };
const out = {};
const perm = Buffer.from(fs.readFileSync('vectors.json', 'utf8').match(/"authKey": "([0-9a-f]+)"/)[1], 'hex');
const permId = c.sha1(perm).subarray(12, 20);
const temp = det(256);
const tempId = c.sha1(temp).subarray(12, 20);
// bind_auth_key_inner, as session-connection.js builds it
const msgId = 7100000000000000000n, nonce = -1234567890123n, tempSession = 5555555555555n, expiresAt = 1750086400;
const inner = Buffer.concat([le32(0x75a3f765), le64(nonce), tempId, permId, le64(tempSession), le32(expiresAt)]);
const msgWithoutPadding = Buffer.concat([det(16), le64(msgId), le32(0), le32(40), inner]);
const msgWithPadding = Buffer.concat([msgWithoutPadding, det(8)]);
const msgKey = c.sha1(msgWithoutPadding).subarray(4, 20);
const ige = createAesIgeForMessageOld(c, perm, msgKey, true);
out.bindTempKey = temp.toString('hex');
out.bindMsgId = msgId.toString(); out.bindNonce = nonce.toString(); out.bindTempSession = tempSession.toString(); out.bindExpiresAt = String(expiresAt);
out.bindEncryptedMessage = Buffer.concat([permId, msgKey, ige.encrypt(msgWithPadding)]).toString('hex');
// a server-to-client MTProto 2.0 message, decryptable with mtcute's derivation (x = 8)
const body = det(24);
const plain = Buffer.concat([le64(-42), le64(777), le64(7100000000000000001n), le32(1), le32(body.length), body, det(24)]);
const msgKeyLarge = c.sha256(Buffer.concat([perm.subarray(96, 128), plain]));
const mk = msgKeyLarge.subarray(8, 24);
out.serverEnvelopeBody = body.toString('hex');
out.serverEnvelopePacket = Buffer.concat([permId, mk, createAesIgeForMessage(c, perm, mk, false).encrypt(plain)]).toString('hex');
for (const [k, v] of Object.entries(out)) console.log(`${k}=${v}`);
