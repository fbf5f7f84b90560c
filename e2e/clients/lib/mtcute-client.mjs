// mtcute (@mtcute/node 0.30.3, layer 227) pointed at a Portrait server, for the mtcute-*.mjs scripts in e2e/clients/:
// its modules, client construction on MemoryStorage, the log classification, the handshake's client quirk, RPC errors,
// sign-up and shutdown. Nothing in node_modules is edited; everything happens at runtime:
// - RSA key: addPublicKey(crypto, pem) from @mtcute/core/utils.js, with the key as a PKCS#1 PEM.
// - Address: the `defaultDcs` option (main and media DC = --host:--port, id --dc).
// - Storage: MemoryStorage (the default SQLite storage needs the native better-sqlite3), so every client makes a fresh
//   auth key.
// - Events: the client's LogManager at debug level with a recording handler; a TcpTransport subclass counts TCP
//   connects and records each one's local port with the client's label (rec.socketOpened); client.onError gets the
//   errors mtcute hands out.

import { withTimeout, errorText, keyToPkcs1Pem, usageError } from './harness.mjs';
import { expectRpcError, need, testCode, signedLong } from './accounts.mjs';
import { format } from 'node:util';

export const { BaseTelegramClient, TelegramClient, MemoryStorage, TcpTransport, Photo } = await import('@mtcute/node');
const { IntermediatePacketCodec, PaddedIntermediatePacketCodec, ObfuscatedPacketCodec } = await import('@mtcute/core');

/** --framing: the packet codecs mtcute offers over TCP (intermediate is TcpTransport's own). */
export const FRAMINGS = {
    intermediate: () => new IntermediatePacketCodec(),
    padded: () => new PaddedIntermediatePacketCodec(),
    obfuscated: () => new ObfuscatedPacketCodec(new IntermediatePacketCodec()),
    'obfuscated-padded': () => new ObfuscatedPacketCodec(new PaddedIntermediatePacketCodec()),
};
export const { addPublicKey, LogManager } = await import('@mtcute/core/utils.js');
export const Long = (await import('long')).default;

export const VERSION = '0.30.3';

/** mtcute's raw TL object's name ('photo', 'photos.photosSlice', ...). */
export const kindOf = (o) => o?._;

/** A client's log call (fmt, args) as one line. */
export function logLine(fmt, args) {
    try {
        return format(fmt, ...args);
    } catch {
        return fmt;
    }
}

/**
 * An RPC error as mtcute surfaces it: {code, message = e.text}, or null for anything else. mtcute rewrites e.text for
 * some errors (e.g. FILE_PART_%d_MISSING with the number in e.which) and keeps the error_message the server sent in
 * e.message ("Telegram API error 400: FILE_PART_1_MISSING"). Options: serverText (add that as serverText when it
 * differs from e.text), details (add e.which, e.seconds, e.newDc when set).
 */
export function rpcOf(e, { serverText = false, details = false } = {}) {
    if (!(e && e.constructor?.name === 'RpcError' && typeof e.text === 'string')) return null;
    const out = { code: e.code, message: e.text };
    if (serverText) {
        const m = /^Telegram API error -?\d+: (.*)$/.exec(e.message ?? '');
        if (m && m[1] !== e.text) out.serverText = m[1];
    }
    if (details) for (const k of ['which', 'seconds', 'newDc']) if (e[k] !== undefined) out[k] = e[k];
    return out;
}

/** mtcute warn-level lines that mean the server misbehaved or the link broke (the rest are warnings). */
const WARN_IS_ERROR_BASE = [
    /received unknown object/,          // server sent a constructor mtcute does not know: session reset + reconnect
    /ping timeout/,
    /read timeout/,
    /transport error/,
    /received message before authorization/,
    /invalid messageId .* \(is even\)/,
    /msg_id too high/,
    /encountered an error while sending/,
    /received rpc_result for unknown message/,
];

/**
 * The accounts, photos and profile-features scripts' list. "received pong to unknown ping" is not in it: mtcute drops
 * its pending ping when a connection turns from idle to active (SessionConnection._flush → resetLastPing), so a pong
 * that arrives after that is unknown to it without anything being wrong (seen on the UPLOAD pool under CPU load);
 * pongs to the wrong ping id or to a query are still errors.
 */
export const WARN_IS_ERROR = [
    ...WARN_IS_ERROR_BASE,
    /received pong to \S+ query/,
    /received pong to \d+, but expected/,
];

/** The connect script's (one short run on one connection): every "received pong to ..." warning is an error. */
export const CONNECT_WARN_IS_ERROR = [
    ...WARN_IS_ERROR_BASE,
    /received pong to/,
];

/**
 * What the connect, accounts, photos and profile-features scripts set up for mtcute: clients on empty MemoryStorage
 * (so fresh auth keys) with the server's key, each client's log classified into the recorder.
 *
 * Connections: without pools, every TCP connect of a client after its first is a reconnect (an error, unless mtcute's
 * own 255-byte auth key bug explains it) and every "connection closed" not asked for is an error. With pools (photos,
 * profile-features), connections are told apart by their log prefix: mtcute opens UPLOAD / DOWNLOAD pools next to the
 * MAIN connection for files over 128 KB (each its own TCP connection, each line of its log prefixed "[UPLOAD]" /
 * "[DOWNLOAD]" and "[UID n]"); a second connect of the MAIN connection is a reconnect (an error, unless the key bug
 * explains it), a pool connection that closes or connects again is counted (poolCloses / poolReconnects, and
 * connects<POOL> for each) and listed as a warning.
 *
 * mtcute computes the auth key as bigint.toBytes(g_ab) (no fixed length), so about 1 key in 200 is 255 bytes long and
 * its own dh_gen_ok check fails ("Step 4: invalid nonce hash from server"); it logs "Authorization error", reconnects
 * and redoes the handshake. The length of the last SHA-1 input in (200, 256] bytes is the auth key's
 * (auth_key_aux_hash = sha1(auth_key); no other handshake hash input has that size), which tells that client bug apart
 * from a server sending a wrong hash. Each such case allows one reconnect, one close and one onError.
 *
 * Options: pools (above), warnIsError (the warn-level lines that are errors), detailed (the connect script's single
 * client: no label, pongs counted, each TCP connect logged, longer messages), onLine(line) (sees every log line).
 *
 * Returns {newBase(label), newClient(label, {updates}), clients, destroyAllAndFinish()}.
 */
export function mtcuteHarness(rec, { pools = false, warnIsError = WARN_IS_ERROR, detailed = false, onLine = null } = {}) {
    const opts = rec.opts;
    const clients = [];
    let keyAdded = false;

    /** A prepared BaseTelegramClient (not connected), its log classified; the server's key added with the first. */
    async function newBase(label = null) {
        const who = label === null ? '' : `${label}: `;
        const state = { connects: 0, quirkReconnects: 0, quirkCloses: 0, quirkOnErrors: 0, lastAuthKeyLength: null, connectsByUid: {} };

        const codec = FRAMINGS[opts.framing ?? 'intermediate'];
        if (!codec) usageError(`mtcute has no framing ${opts.framing} (it has ${Object.keys(FRAMINGS).join(', ')})`);

        class CountingTcpTransport extends TcpTransport {
            packetCodec() {
                return codec();
            }

            async connect(dc) {
                rec.count('connects');
                if (!pools) {
                    state.connects++;
                    if (state.connects > 1 + state.quirkReconnects) {
                        rec.count('reconnects');
                        if (!rec.shuttingDown) rec.error(`${who}mtcute opened TCP connection #${state.connects} (a reconnect; see the preceding events)`);
                    }
                }
                if (detailed) rec.log(`tcp connect to ${dc.ipAddress}:${dc.port} (dc ${dc.id})`);
                const conn = await super.connect(dc);
                rec.socketOpened(conn.socket?.localPort, label);
                return conn;
            }
        }

        /** A pool connection's connect line: a second connect of MAIN is a reconnect, of a pool a warning. */
        const poolConnect = (line, pool, uid) => {
            const n = (state.connectsByUid[uid] = (state.connectsByUid[uid] ?? 0) + 1);
            rec.count(`connects${pool ?? 'Unknown'}`);
            if (n <= 1) return;
            if (pool === 'MAIN' || pool === null) {
                if (n > 1 + state.quirkReconnects) {
                    rec.count('reconnects');
                    if (!rec.shuttingDown) rec.error(`${who}mtcute connected its ${pool ?? '?'} connection (UID ${uid}) again (a reconnect; see the preceding events)`);
                }
            } else {
                rec.count('poolReconnects');
                if (!rec.shuttingDown) rec.warn(`${who}mtcute connected its ${pool} connection (UID ${uid}) again`);
            }
        };

        // Levels: 1 error, 2 warn, 3 info, 4 debug, 5 verbose.
        const onLog = (color, level, tag, fmt, args) => {
            const line = logLine(fmt, args);
            rec.log(`${label === null ? '' : `[${label}] `}${level} ${tag} ${line}`);
            if (/authorization successful/.test(line)) rec.count('handshakes');
            if (detailed && /received pong/.test(line) && level >= 4) rec.count('pongs');
            onLine?.(line);
            const pool = pools ? /\[(MAIN|UPLOAD|DOWNLOAD|DOWNLOAD_SMALL)\]/i.exec(line)?.[1]?.toUpperCase() ?? null : null;
            const uid = pools ? /\[UID (\d+)\]/.exec(line)?.[1] ?? null : null;
            if (uid !== null && /\] connecting to /.test(line)) poolConnect(line, pool, uid);
            if (pools ? /(^|\] )connection closed$/.test(line) : /^(\[[^\]]*\] )*connection closed$/.test(line)) {
                // the fuman connection closed; if it was not us, mtcute will reconnect (counted above)
                rec.count('closes');
                if (pool !== null && pool !== 'MAIN') {
                    rec.count('poolCloses');
                    if (!rec.shuttingDown) rec.warn(`${who}mtcute's ${pool} connection (UID ${uid}) was closed`);
                    return;
                }
                if (state.quirkCloses > 0) state.quirkCloses--;
                else if (!rec.shuttingDown) {
                    rec.error(pools
                        ? `${who}the MAIN TCP connection was closed (not by the test): ${line}`
                        : `${who}the TCP connection was closed (not by the test)`);
                }
                return;
            }
            if (rec.shuttingDown) return;
            if (level === 1 && /Authorization error: .*invalid nonce hash from server/.test(line)
                && state.lastAuthKeyLength !== null && state.lastAuthKeyLength < 256) {
                rec.count('clientKeyQuirks');
                state.quirkReconnects++;
                state.quirkCloses++;
                state.quirkOnErrors++;
                return rec.warn(detailed
                    ? `mtcute computed a ${state.lastAuthKeyLength}-byte auth key (leading zero byte dropped, client bug) ` +
                        `and rejected the server's correct new_nonce_hash1; it reconnects and redoes the handshake: ${line}`
                    : `${who}mtcute computed a ${state.lastAuthKeyLength}-byte auth key (client bug); it reconnects and redoes the handshake`);
            }
            if (level === 1) return rec.error(`${who}mtcute logged an error: [${tag}] ${line}`);
            if (level === 2) {
                if (warnIsError.some((re) => re.test(line))) return rec.error(`${who}[${tag}] ${line}`);
                return rec.warn(`${who}[${tag}] ${line}`);
            }
        };

        const dc = { id: opts.dc, ipAddress: opts.host, port: opts.port };
        const base = new BaseTelegramClient({
            apiId: 1,
            apiHash: '0123456789abcdef0123456789abcdef',
            storage: new MemoryStorage(),
            defaultDcs: { main: dc, media: dc },
            transport: new CountingTcpTransport(),
            initConnectionOptions: { deviceModel: label === null ? 'portrait-e2e' : `portrait-e2e-${label}`, appVersion: VERSION },
        });
        base.log.mgr.level = opts.verbose ? LogManager.VERBOSE : LogManager.DEBUG;
        base.log.mgr.handler = onLog;
        base.onError.add((e) => {
            const text = errorText(e);
            if (state.quirkOnErrors > 0 && /invalid nonce hash from server/.test(text)) {
                state.quirkOnErrors--;
                return;
            }
            if (rec.shuttingDown) return;
            rec.error(detailed
                ? `client error: ${text}${state.lastAuthKeyLength !== null ? ` (last auth key length ${state.lastAuthKeyLength})` : ''}`
                : `${who}client error: ${text}`);
        });
        const sha1 = base.crypto.sha1.bind(base.crypto);
        base.crypto.sha1 = (data) => {
            if (data.length > 200 && data.length <= 256) state.lastAuthKeyLength = data.length;
            return sha1(data);
        };
        await base.prepare(); // storage + crypto ready
        if (!keyAdded) {
            addPublicKey(base.crypto, keyToPkcs1Pem(opts.key));
            keyAdded = true;
        }
        return base;
    }

    /**
     * A new TelegramClient on a new base, connected: {tg, label}; with updates, every raw update it dispatches
     * (tg.onRawUpdate) lands in its updates[] too.
     */
    async function newClient(label, { updates = false } = {}) {
        const tg = new TelegramClient({ client: await newBase(label) });
        const c = { tg, label };
        if (updates) {
            c.updates = [];
            tg.onRawUpdate.add((info) => {
                const u = info?.update ?? info;
                c.updates.push(u);
                rec.log(`[${label}] update ${u?._}`);
            });
        }
        clients.push(tg);
        await withTimeout(tg.connect(), 60_000, `${label}: connect()`);
        return c;
    }

    /** Destroys every client newClient made (10 s each; a failure is a warning) and finishes ok. */
    const destroyAllAndFinish = () => rec.closeAllAndFinish(clients, (tg) => tg.destroy(), 'destroy()', 'destroy');

    return { newBase, newClient, clients, destroyAllAndFinish };
}

/**
 * Signs a new number up: tg.sendCode(), tg.signIn() with the test number's code (mtcute's high-level API refuses
 * auth.authorizationSignUpRequired with "Signup is no longer supported"), the raw auth.signUp and tg.notifyLoggedIn()
 * (which also starts mtcute's updates loop, updates.getState). Returns {id, accessHash, signedUp: true}.
 */
export async function signUp(c, phone, first, last) {
    const sent = await c.tg.sendCode({ phone });
    let signUpRequiredSeen = null;
    try {
        await c.tg.signIn({ phone, phoneCodeHash: sent.phoneCodeHash, phoneCode: testCode(phone.replace(/^\+/, '')) });
    } catch (e) {
        if (!/Signup is no longer supported/.test(e?.message ?? '')) throw e;
        signUpRequiredSeen = e.message;
    }
    need(signUpRequiredSeen, 'auth.signIn of a new number answers auth.authorizationSignUpRequired');
    const auth = await c.tg.call({ _: 'auth.signUp', phoneNumber: phone, phoneCodeHash: sent.phoneCodeHash, firstName: first, lastName: last });
    need(auth?._ === 'auth.authorization', 'auth.signUp answers auth.authorization', auth?._);
    await c.tg.notifyLoggedIn(auth);
    const me = await c.tg.getMe();
    return { id: signedLong(me.id), accessHash: signedLong(me.raw.accessHash), signedUp: true };
}

/** A call that must fail with an RPC error (accounts.mjs expectRpcError) as rpc sees it. */
export const mustFailWith = (rpc) => (p) => expectRpcError(p, rpc);
