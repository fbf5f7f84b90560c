// mtcute (@mtcute/node 0.30.3) signs in with a session string from `portrait session new --format mtcute`:
// importSession() takes the DC (id, address, port), the account (id, bot or not) and the auth key from the string, so
// no key exchange and no sign-in happen; getMe() must show that account.
//
//   node clients/mtcute-session.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --json)" \
//       --session "$(./portrait session new --phone 9996610001 --format mtcute --address 127.0.0.1:2443)"
//
// Prints one JSON line on stdout (see lib/harness.mjs): me {id, bot, firstName, username}, the address mtcute
// connected to (from the string: --host/--port are only used to check it), counters.handshakes (must be 0).
// MemoryStorage (the default SQLite storage needs the native better-sqlite3); the server's RSA key is registered as in
// mtcute-connect.mjs although no key exchange should happen.

import { startRecorder, withTimeout, errorText, keyToPkcs1Pem } from './lib/harness.mjs';
import { format } from 'node:util';

/** Removes "--name value" from the command line (lib/harness.mjs accepts only its own options) and returns value. */
function takeOption(name) {
    const i = process.argv.indexOf(name);
    if (i < 0) return undefined;
    const value = process.argv[i + 1];
    process.argv.splice(i, 2);
    return value;
}

const sessionString = takeOption('--session');
const rec = startRecorder('mtcute-session');
const opts = rec.opts;
rec.catchUnhandled();
rec.armTimeout();
if (!sessionString) {
    rec.error('--session is required');
    rec.finish(false);
}

const { TelegramClient, MemoryStorage, TcpTransport } = await import('@mtcute/node');
const { addPublicKey, LogManager } = await import('@mtcute/core/utils.js');

rec.result.connectedTo = [];

class RecordingTcpTransport extends TcpTransport {
    async connect(dc) {
        rec.count('connects');
        rec.result.connectedTo.push(`${dc.ipAddress}:${dc.port}`);
        rec.log(`tcp connect to ${dc.ipAddress}:${dc.port} (dc ${dc.id})`);
        return super.connect(dc);
    }
}

function onLog(color, level, tag, fmt, args) {
    let line;
    try {
        line = format(fmt, ...args);
    } catch {
        line = fmt;
    }
    rec.log(`${level} ${tag} ${line}`);
    if (/authorization successful/.test(line)) rec.count('handshakes');
}

async function main() {
    const tg = new TelegramClient({
        apiId: 1,
        apiHash: '0123456789abcdef0123456789abcdef',
        storage: new MemoryStorage(),
        transport: new RecordingTcpTransport(),
        disableUpdates: true,
        initConnectionOptions: { deviceModel: 'portrait-e2e', appVersion: '0.30.3' },
    });
    tg.log.mgr.level = opts.verbose ? LogManager.VERBOSE : LogManager.DEBUG;
    tg.log.mgr.handler = onLog;
    tg.onError.add((e) => rec.log(`client error: ${errorText(e)}`));
    rec.result.layer = tg._client.mt._layer;
    rec.result.version = '0.30.3';

    await tg.prepare();
    addPublicKey(tg._client.crypto, keyToPkcs1Pem(opts.key));
    await tg.importSession(sessionString);
    const self = await tg._client.storage.self.fetch();
    rec.result.importedSelf = self ? { id: self.userId, bot: self.isBot } : null;

    const me = await withTimeout(tg.getMe(), 30_000, 'getMe()');
    rec.result.me = { id: String(me.id), bot: Boolean(me.isBot), firstName: me.firstName ?? null, username: me.username ?? null };
    rec.log(`getMe: ${JSON.stringify(rec.result.me)}`);
    await rec.closeAndFinish(() => tg.destroy(), 'destroy()');
}

rec.run(main);
