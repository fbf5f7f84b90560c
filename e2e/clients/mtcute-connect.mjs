// mtcute (@mtcute/node 0.30.3, layer 227) against a Portrait server: fresh auth key (MemoryStorage, so no stored key),
// help.getConfig through the low-level call API (mtcute wraps the first call in invokeWithLayer(initConnection(...))),
// then stays connected for --seconds and reports reconnects and transport errors.
//
//   node clients/mtcute-connect.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --data-dir D --json)"
//
// Prints one JSON line on stdout (see lib/harness.mjs); logs go to stderr.
//
// How the unmodified client is pointed at the server, at runtime only:
// - RSA key: addPublicKey(crypto, pem) from @mtcute/core/utils.js, with the key as a PKCS#1 PEM.
// - Address: the `defaultDcs` option (main and media DC = --host:--port, id --dc).
// - Storage: MemoryStorage (the default SQLite storage needs the native better-sqlite3).
// - Events: the client's LogManager at debug level with a recording handler; a TcpTransport subclass counts TCP
//   connects (every connect after the first is a reconnect); client.onError gets the errors mtcute hands out.

import { startRecorder, withTimeout, sleep, errorText, dcOptionsOf, keyToPkcs1Pem, fingerprintLookupWarning }
    from './lib/harness.mjs';
import { format } from 'node:util';

const CLIENT = 'mtcute';
const rec = startRecorder(CLIENT);
const opts = rec.opts;
rec.catchUnhandled();
rec.armTimeout();

const { BaseTelegramClient, MemoryStorage, TcpTransport } = await import('@mtcute/node');
const { addPublicKey, LogManager } = await import('@mtcute/core/utils.js');

// mtcute computes the auth key as bigint.toBytes(g_ab) (no fixed length), so about 1 key in 200 is 255 bytes long and its
// own dh_gen_ok check fails ("Step 4: invalid nonce hash from server"); it logs "Authorization error", reconnects and
// redoes the handshake. The length of the last SHA-1 input in (200, 256] bytes is the auth key's (auth_key_aux_hash =
// sha1(auth_key); no other handshake hash input has that size), which tells that client bug apart from a server
// sending a wrong hash. Each such case allows one reconnect.
let lastAuthKeyLength = null;
let quirkReconnects = 0;
let quirkCloses = 0;
let quirkOnErrors = 0;

class CountingTcpTransport extends TcpTransport {
    async connect(dc) {
        rec.count('connects');
        if (rec.counters.connects > 1 + quirkReconnects) {
            rec.count('reconnects');
            if (!rec.shuttingDown) rec.error(`mtcute opened TCP connection #${rec.counters.connects} (a reconnect; see the preceding events)`);
        }
        rec.log(`tcp connect to ${dc.ipAddress}:${dc.port} (dc ${dc.id})`);
        const conn = await super.connect(dc);
        return conn;
    }
}

// mtcute's log lines, classified. Levels: 1 error, 2 warn, 3 info, 4 debug, 5 verbose.
const WARN_IS_ERROR = [
    /received unknown object/,          // server sent a constructor mtcute does not know: session reset + reconnect
    /ping timeout/,
    /read timeout/,
    /transport error/,
    /received message before authorization/,
    /invalid messageId .* \(is even\)/,
    /msg_id too high/,
    /encountered an error while sending/,
    /received rpc_result for unknown message/,
    /received pong to/,
];

function onLog(color, level, tag, fmt, args) {
    let line;
    try {
        line = format(fmt, ...args);
    } catch {
        line = fmt;
    }
    rec.log(`${level} ${tag} ${line}`);
    if (/authorization successful/.test(line)) rec.count('handshakes');
    if (/received pong/.test(line) && level >= 4) rec.count('pongs');
    if (/^(\[[^\]]*\] )*connection closed$/.test(line)) {
        // the fuman connection closed; if it was not us, mtcute will reconnect (counted by the transport)
        rec.count('closes');
        if (quirkCloses > 0) quirkCloses--;
        else if (!rec.shuttingDown) rec.error('the TCP connection was closed (not by the test)');
        return;
    }
    if (rec.shuttingDown) return;
    if (level === 1 && /Authorization error: .*invalid nonce hash from server/.test(line)
        && lastAuthKeyLength !== null && lastAuthKeyLength < 256) {
        rec.count('clientKeyQuirks');
        quirkReconnects++;
        quirkCloses++;
        quirkOnErrors++;
        return rec.warn(`mtcute computed a ${lastAuthKeyLength}-byte auth key (leading zero byte dropped, client bug) ` +
            `and rejected the server's correct new_nonce_hash1; it reconnects and redoes the handshake: ${line}`);
    }
    if (level === 1) return rec.error(`mtcute logged an error: [${tag}] ${line}`);
    if (level === 2) {
        if (WARN_IS_ERROR.some((re) => re.test(line))) return rec.error(`[${tag}] ${line}`);
        return rec.warn(`[${tag}] ${line}`);
    }
}

async function main() {
    const dc = { id: opts.dc, ipAddress: opts.host, port: opts.port };
    const client = new BaseTelegramClient({
        apiId: 1,
        apiHash: '0123456789abcdef0123456789abcdef',
        storage: new MemoryStorage(),
        defaultDcs: { main: dc, media: dc },
        transport: new CountingTcpTransport(),
        initConnectionOptions: { deviceModel: 'portrait-e2e', appVersion: '0.30.3' },
    });
    client.log.mgr.level = opts.verbose ? LogManager.VERBOSE : LogManager.DEBUG;
    client.log.mgr.handler = onLog;
    client.onError.add((e) => {
        const text = errorText(e);
        if (quirkOnErrors > 0 && /invalid nonce hash from server/.test(text)) {
            quirkOnErrors--;
            return;
        }
        if (!rec.shuttingDown) rec.error(`client error: ${text}${lastAuthKeyLength !== null ? ` (last auth key length ${lastAuthKeyLength})` : ''}`);
    });
    const sha1 = client.crypto.sha1.bind(client.crypto);
    client.crypto.sha1 = (data) => {
        if (data.length > 200 && data.length <= 256) lastAuthKeyLength = data.length;
        return sha1(data);
    };
    rec.result.layer = client.mt._layer;
    rec.result.version = '0.30.3';

    await client.prepare(); // storage + crypto ready
    const quirk = fingerprintLookupWarning(opts.key);
    if (quirk) rec.warn(quirk);
    addPublicKey(client.crypto, keyToPkcs1Pem(opts.key));
    if (await client.mt.storage.provider.authKeys.get(opts.dc)) rec.error('storage already holds an auth key');

    const t0 = Date.now();
    const config = await withTimeout(client.call({ _: 'help.getConfig' }), 60_000, "call({_: 'help.getConfig'})");
    rec.result.connectMs = Date.now() - t0;
    if (config?._ !== 'config') {
        rec.error(`help.getConfig returned ${config?._}, not config`);
        return rec.finish(false);
    }
    if (rec.counters.handshakes < 1) rec.error('no new auth key was made (no "authorization successful")');
    rec.result.thisDc = config.thisDc;
    rec.result.dcOptions = dcOptionsOf(config.dcOptions);
    rec.result.testMode = config.testMode;
    rec.log(`config: this_dc ${config.thisDc}, ${config.dcOptions.length} dc_options`);

    if (opts.seconds > 0) {
        await sleep(opts.seconds * 1000);
        const again = await withTimeout(client.call({ _: 'help.getConfig' }), 30_000, 'help.getConfig after the wait');
        if (again?._ !== 'config') rec.error(`help.getConfig after the wait returned ${again?._}`);
    }

    await rec.closeAndFinish(() => client.destroy(), 'client.destroy()');
}

rec.run(main);
