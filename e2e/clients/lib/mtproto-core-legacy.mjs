// @mtproto/core 4.x and 5.x (npm aliases: mtproto-core-113 is @mtproto/core@4.0.1, mtproto-core-121 is 5.3.0)
// pointed at a Portrait server, for mtproto-core-layers.mjs. Their code differs from 6.x (lib/mtproto-core-client.mjs)
// in everything the glue touches, so they get their own. Nothing in node_modules is edited; everything happens at
// runtime, through the CommonJS build each ships beside its ES modules (src/**/index.cjs, what require() loads):
// - RSA key: src/utils/rsa exports getRsaKeyByFingerprints over a private list of Telegram's keys, and src/rpc takes
//   it by destructuring when it is loaded; so the export is replaced by one that knows only the server's key BEFORE
//   the package itself is required.
// - Address: the `dcList` instance property (ids 1..5, all --host:--port).
// - Storage: customLocalStorage = an in-memory {getItem, setItem} per instance. Both versions also keep a cache
//   shared by every instance in the process, keyed by DC id + name (src/storage: `const cache = {}`), so two
//   instances on one DC id would share one auth key: each account gets a DC id of its own (A 2, B 4), passed as the
//   dcId option of every call, and a fresh instance on a DC id first has that DC's keys reset in the shared cache.
// - Events: its TCP transport's connect() (counted: a second one on an instance is a reconnect, which it does
//   whenever the socket closes), console.warn (transport errors, msg_key / length problems, messages for unknown ids)
//   and unhandled rejections (its handshake throws inside event handlers).

import { require, withTimeout, onConsoleWarn, takeOption } from './harness.mjs';
import { need } from './accounts.mjs';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** --package: which install to drive (mtproto-core-113 or mtproto-core-121). */
export const PACKAGE = takeOption('--package') ?? 'mtproto-core-121';
const dir = dirname(require.resolve(`${PACKAGE}/package.json`));
const own = (path) => require(join(dir, path)); // by file: the package's exports map does not list src/utils

export const { version } = require(`${PACKAGE}/package.json`);
/** The layer it speaks: its rpc wraps every call in invokeWithLayer with this constant. */
export const LAYER = Number(/layer: (\d+),/.exec(readFileSync(join(dir, 'src/rpc/index.cjs'), 'utf8'))[1]);

/**
 * 4.x writes a Bool after the flags for every `flags.N?true` field it sets (its builder: `flag(Bool, params.big)`),
 * where the schema has no bytes at all; 5.x writes none. So 4.x cannot send inputPeerPhotoFileLocation with big set
 * (the server reads the boolTrue where the peer's constructor should be: INPUT_REQUEST_INVALID): a client bug.
 */
export const TRUE_FLAGS_AS_BOOL = /flag\(Bool, params\.big\)/.test(readFileSync(join(dir, 'src/tl/builder/index.cjs'), 'utf8'));

const rsa = own('src/utils/rsa/index.cjs');
const { TCP } = own('src/transport/tcp/index.cjs');
const { Storage } = own('src/storage/index.cjs');

/** An RPC error (rpc_error objects come back as plain {_: 'mt_rpc_error', error_code, error_message}), or null. */
export const rpc = (e) => (e && e._ === 'mt_rpc_error' ? { code: e.error_code, message: e.error_message } : null);

/** What an instance fails with when the client's own auth key bug hit it: start over with a fresh one. */
class QuirkRetry extends Error {}

/**
 * What mtproto-core-layers.mjs sets up; call it before rec.armTimeout() and before anything requires the package.
 *
 * Like 6.x, these versions compute the auth key as bigIntToBytes(g_ab) with no length, so about 1 key in 200 is 255
 * bytes long and their own dh_gen_ok check throws "Invalid hash in mt_dh_gen_ok" (an unhandled rejection); the call
 * waiting for the key then never settles. The key is stored before set_client_DH_params is sent, so its length tells
 * that client bug (a fresh instance is tried, up to 3) from a server sending a wrong hash (an error).
 *
 * Returns {newClient(label, dcId)}.
 */
export function legacyHarness(rec) {
    const { opts } = rec;

    // --- the server's RSA key: the fingerprint the server sends, as the client reads it (an unsigned decimal) ---
    const evenHex = (h) => (h.length % 2 ? '0' + h : h);
    rsa.getRsaKeyByFingerprints = async (fingerprints) => {
        const fingerprint = fingerprints.find((f) => BigInt.asUintN(64, BigInt(f)).toString() === opts.key.fingerprintUnsigned);
        return fingerprint === undefined ? null : { fingerprint, modulus: evenHex(opts.key.nHex), exponent: evenHex(opts.key.e.toString(16)) };
    };
    const { MTProto } = require(PACKAGE);

    let attempt = null; // { store, fail(error) } of the instance being connected
    rec.catchUnhandled((e) => {
        if (!/Invalid hash in mt_dh_gen_ok/.test(e?.message ?? '') || !attempt) return false;
        const stored = [...attempt.store.entries()].find(([k]) => k.endsWith('authKey'))?.[1];
        const length = stored ? JSON.parse(stored)?.length ?? null : null;
        if (length === null || length >= 256) {
            rec.error(`client rejected dh_gen_ok: ${e.message} (its auth key is ${length} bytes, so the server's new_nonce_hash1 is wrong)`);
            attempt.fail(e);
            return true;
        }
        rec.count('clientKeyQuirks');
        rec.warn(`@mtproto/core ${version} computed a ${length}-byte auth key (client bug) and rejected the server's correct ` +
            'new_nonce_hash1; starting over with a fresh instance');
        attempt.fail(new QuirkRetry());
        return true;
    });

    // --- one TCP connection per instance: a second connect is its transport reconnecting ---
    let expectedConnects = 0;
    const connect = TCP.prototype.connect;
    TCP.prototype.connect = function (...args) {
        rec.count('connects');
        if (rec.counters.connects > expectedConnects) {
            rec.count('reconnects');
            if (!rec.shuttingDown) rec.error(`@mtproto/core opened TCP connection #${rec.counters.connects} (its transport reconnects when the socket closes)`);
        }
        const r = connect.apply(this, args);
        this.socket.once('connect', () => rec.socketOpened(this.socket.localPort));
        return r;
    };
    onConsoleWarn((line) => {
        if (rec.shuttingDown) return;
        if (/non-existent message/.test(line)) return rec.warn(line);
        rec.error(`client warning: ${line}`);
    });

    /**
     * A new instance on DC id dcId with empty storage, its auth key made by a first help.getConfig:
     * {mtproto, label, dcId, config, call(method, params, options)}.
     */
    async function newClient(label, dcId) {
        for (let i = 1; ; i++) {
            // the shared cache still holds an abandoned instance's key for this DC id
            const reset = new Storage(dcId, { customLocalStorage: { getItem: () => null, setItem: () => undefined } });
            await reset.pSet('authKey', null);
            await reset.pSet('serverSalt', null);
            expectedConnects++;
            const store = new Map();
            const mtproto = new MTProto({
                api_id: 1,
                api_hash: '0123456789abcdef0123456789abcdef',
                customLocalStorage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v) },
            });
            mtproto.dcList = [1, 2, 3, 4, 5].map((id) => ({ id, ip: opts.host, port: opts.port }));
            mtproto.updateInitConnectionParams({ device_model: `portrait-e2e-${label}` });
            const c = { mtproto, label, dcId, call: (method, params = {}, options = {}) => mtproto.call(method, params, { dcId, ...options }) };
            let fail;
            const failed = new Promise((_, reject) => { fail = reject; });
            attempt = { store, fail };
            try {
                c.config = await Promise.race([withTimeout(c.call('help.getConfig'), 60_000, `${label}: help.getConfig`), failed]);
                need(c.config?._ === 'config', `${label}: help.getConfig returns config`, c.config?._);
                rec.count('handshakes');
                return c;
            } catch (e) {
                if (!(e instanceof QuirkRetry)) throw e;
                // abandon this instance: its transport would reconnect when the socket closes, so detach that first
                const transport = mtproto.rpcs[dcId]?.transport;
                transport?.socket?.removeAllListeners('close');
                transport?.socket?.destroy();
                if (i >= 3) throw e;
            } finally {
                attempt = null;
            }
        }
    }

    return { newClient };
}
