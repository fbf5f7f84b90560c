// @mtproto/core 6.3.0 (layer 158) against a Portrait server: fresh auth key (empty in-memory storage), obfuscated
// intermediate transport, legacy RSA (sha1 + data + random padding) of plain p_q_inner_data, then
// mtproto.call('help.getConfig') (the client wraps every call in invokeWithLayer(158, initConnection(...))), then
// stays connected for --seconds and reports reconnects and transport errors.
//
//   node clients/mtproto-core-connect.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --data-dir D --json)"
//
// Prints one JSON line on stdout (see lib/harness.mjs); logs go to stderr.
//
// How the unmodified client is pointed at the server, at runtime only:
// - RSA key: its keys sit in a private array of src/utils/rsa, so RSA.prototype.getPublisKeysByHex is replaced by the
//   same computation over the server's key (fingerprint table keyed as the original keys it).
// - Address: the `dcList` instance property (ids 1..5, all --host:--port); the DC is chosen with setDefaultDc(--dc).
// - Storage: storageOptions.instance = an in-memory {get, set}.
// - Events: its `debug` logger (namespace mtproto-core*) enabled with a recording log function (transport connects,
//   transport errors, bad_msg_notification), console.warn (msg_key / length problems), unhandled rejections (errors
//   thrown during the handshake).

import { startRecorder, require, withTimeout, sleep, errorText, dcOptionsOf, fingerprintLookupWarning, onConsoleWarn }
    from './lib/harness.mjs';
import { format } from 'node:util';

const CLIENT = 'mtproto-core';
const LAYER = 158; // hard-coded in @mtproto/core/src/rpc/index.js call()
const rec = startRecorder(CLIENT);
const opts = rec.opts;
// @mtproto/core computes the auth key as bigIntToBytes(g_ab) with no length, so about 1 key in 200 is 255 bytes long and
// its own dh_gen_ok check throws "Invalid hash in mt_dh_gen_ok" inside a transport event handler (an unhandled
// rejection); the pending call then never settles. It stores that key before sending set_client_DH_params, so its
// length tells the client bug apart from a server sending a wrong hash. On the client bug the script starts over with
// a fresh client (what an application would have to do).
let attempt = null; // { store, fail(error) } of the running attempt
rec.catchUnhandled((e) => {
    if (!/Invalid hash in mt_dh_gen_ok/.test(e?.message ?? '') || !attempt) return false;
    const stored = attempt.store.get(`${opts.dc}authKey`);
    const length = stored ? JSON.parse(stored).length : null;
    if (length === null || length >= 256) {
        rec.error(`client rejected dh_gen_ok: ${e.message} (its auth key is ${length} bytes, so the server's new_nonce_hash1 is wrong)`);
        attempt.fail(e);
        return true;
    }
    rec.count('clientKeyQuirks');
    rec.warn(`@mtproto/core computed a ${length}-byte auth key (leading zero byte dropped, client bug) and rejected the ` +
        `server's correct new_nonce_hash1 ("${e.message}"); starting over with a fresh client`);
    attempt.fail(new QuirkRetry());
    return true;
});
rec.armTimeout();

class QuirkRetry extends Error {}

const fromCore = (m) => require(require.resolve(m, { paths: [require.resolve('@mtproto/core')] }));
const createDebug = fromCore('debug');
const MTProto = require('@mtproto/core');
const RSA = require('@mtproto/core/src/utils/rsa');
const Serializer = require('@mtproto/core/src/tl/serializer');
const { bytesToHex, hexToBytes } = require('@mtproto/core/src/utils/common');
const { version } = require('@mtproto/core/package.json');

// --- the server's RSA key, instead of Telegram's: the original method over a different list ---
const evenHex = (h) => (h.length % 2 ? '0' + h : h);
const serverKeys = [{ modulus: evenHex(opts.key.nHex), exponent: evenHex(opts.key.e.toString(16)) }];
RSA.prototype.getPublisKeysByHex = async function getPublisKeysByHex() {
    const publisKeysByHex = {};
    for (const publisKey of serverKeys) {
        const RSAPublicKey = new Serializer(function () {
            this.bytes(hexToBytes(publisKey.modulus));
            this.bytes(hexToBytes(publisKey.exponent));
        });
        const fingerprintBytes = (await this.SHA1(RSAPublicKey.getBuffer())).slice(-8);
        fingerprintBytes.reverse();
        publisKeysByHex[bytesToHex(fingerprintBytes)] = { modulus: publisKey.modulus, exponent: publisKey.exponent };
    }
    return publisKeysByHex;
};

// --- its debug logs, classified ---
let expectedConnects = 1; // one TCP connection per client instance
createDebug.enable('mtproto-core*');
createDebug.log = function (...args) {
    const ns = this?.namespace ?? '';
    let line;
    try {
        line = format(...args);
    } catch {
        line = String(args[0]);
    }
    rec.log(line);
    if (/:transport-\d+$/.test(ns) && / connect$/.test(line.trimEnd())) {
        rec.count('connects');
        if (rec.counters.connects > expectedConnects) {
            rec.count('reconnects');
            if (!rec.shuttingDown) rec.error(`@mtproto/core opened TCP connection #${rec.counters.connects} (its transport reconnects when the socket closes)`);
        }
        return;
    }
    if (rec.shuttingDown) return;
    if (/transport error/.test(line)) return rec.error(`transport error: ${line.replace(/^.*?transport error/, 'transport error')}`);
    if (/handling mt_bad_server_salt/.test(line)) return rec.count('badServerSalts');
    if (/handling mt_bad_msg_notification/.test(line)) return rec.error(`server sent bad_msg_notification: ${line}`);
    if (/message id from server is even/.test(line)) return rec.error(`server message with an even msg_id: ${line}`);
    if (/error when calling the method/.test(line)) return rec.error(line);
    if (/for a non-existent message/.test(line)) return rec.warn(line);
    if (/handling update/.test(line)) return rec.warn(`unexpected non-RPC message: ${line}`);
};
onConsoleWarn((line) => {
    if (!rec.shuttingDown) rec.error(`client warning (message dropped): ${line}`);
});

/** One client instance with empty storage; resolves with help.getConfig's result. */
async function newClientGetConfig() {
    const store = new Map();
    const mtproto = new MTProto({
        api_id: 1,
        api_hash: '0123456789abcdef0123456789abcdef',
        storageOptions: { instance: { get: (k) => store.get(k), set: (k, v) => store.set(k, v) } },
    });
    mtproto.dcList = [1, 2, 3, 4, 5].map((id) => ({ id, ip: opts.host, port: opts.port }));
    await mtproto.setDefaultDc(opts.dc);
    let fail;
    const failed = new Promise((_, reject) => { fail = reject; });
    attempt = { store, fail };
    try {
        const config = await Promise.race([
            withTimeout(mtproto.call('help.getConfig'), 60_000, "mtproto.call('help.getConfig')"),
            failed,
        ]);
        return { mtproto, store, config };
    } catch (e) {
        if (e instanceof QuirkRetry) {
            // abandon this instance: its transport would reconnect when the socket closes, so detach that first
            const transport = mtproto.rpcs.get(opts.dc)?.transport;
            transport?.socket?.removeAllListeners('close');
            transport?.socket?.destroy();
        }
        throw e;
    }
}

async function main() {
    const quirk = fingerprintLookupWarning(opts.key);
    if (quirk) rec.warn(quirk);
    rec.result.layer = LAYER;
    rec.result.version = version;

    const t0 = Date.now();
    let got;
    for (let i = 1; !got; i++) {
        try {
            got = await newClientGetConfig();
        } catch (e) {
            if (e instanceof QuirkRetry && i < 3) {
                expectedConnects++;
                continue;
            }
            // rpc_error objects come back as plain {_: 'mt_rpc_error', error_code, error_message}
            rec.error(`help.getConfig failed: ${errorText(e)}`);
            return rec.finish(false);
        }
    }
    const { mtproto, store, config } = got;
    rec.result.connectMs = Date.now() - t0;
    if (config?._ !== 'config') {
        rec.error(`help.getConfig returned ${config?._}, not config`);
        return rec.finish(false);
    }
    if (!store.get(`${opts.dc}authKey`)) rec.error('no auth key in storage after the call');
    else rec.count('handshakes');
    rec.result.thisDc = config.this_dc;
    rec.result.dcOptions = dcOptionsOf(config.dc_options);
    rec.result.testMode = config.test_mode;
    rec.log(`config: this_dc ${config.this_dc}, ${config.dc_options?.length} dc_options`);

    if (opts.seconds > 0) {
        await sleep(opts.seconds * 1000);
        try {
            const again = await withTimeout(mtproto.call('help.getConfig'), 30_000, 'help.getConfig after the wait');
            if (again?._ !== 'config') rec.error(`help.getConfig after the wait returned ${again?._}`);
        } catch (e) {
            rec.error(`help.getConfig after the wait failed: ${errorText(e)}`);
        }
    }

    // @mtproto/core has no disconnect: its transport reconnects whenever the socket closes. Just exit.
    rec.shuttingDown = true;
    rec.finish(true);
}

rec.run(main);
