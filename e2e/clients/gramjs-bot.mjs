// gramjs (npm `telegram` 2.26.22) signs a bot in with a token from `portrait bot add`: a fresh auth key, then
// client.start({ botAuthToken }) (auth.importBotAuthorization), then getMe() must show the bot.
//
//   node clients/gramjs-bot.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --json)" \
//       --token "$(./portrait bot add --owner 9996610001 --username portraitbot --first-name Bot)"
//
// Prints one JSON line on stdout (see lib/harness.mjs): me {id, bot, firstName, username}, counters.handshakes.
// The client is pointed at the server as in gramjs-connect.mjs: the server's RSA key replaces Telegram's, and the
// socket class redirects gramjs's port-80 connection to --host:--port.

import { startRecorder, require, withTimeout, errorText } from './lib/harness.mjs';

/** Removes "--name value" from the command line (lib/harness.mjs accepts only its own options) and returns value. */
function takeOption(name) {
    const i = process.argv.indexOf(name);
    if (i < 0) return undefined;
    const value = process.argv[i + 1];
    process.argv.splice(i, 2);
    return value;
}

const token = takeOption('--token');
const rec = startRecorder('gramjs-bot');
const opts = rec.opts;
rec.catchUnhandled();
rec.armTimeout();
if (!token) {
    rec.error('--token is required');
    rec.finish(false);
}

const { TelegramClient } = require('telegram');
const { StringSession } = require('telegram/sessions');
const { Logger, LogLevel } = require('telegram/extensions/Logger');
const { PromisedNetSockets } = require('telegram/extensions/PromisedNetSockets');
const RSA = require('telegram/crypto/RSA');
const { LAYER } = require('telegram/tl/AllTLObjects');
const { version } = require('telegram/package.json');
const bigInt = require(require.resolve('big-integer', { paths: [require.resolve('telegram')] }));

RSA._serverKeys.clear();
RSA._serverKeys.set(opts.key.fingerprintSigned, { n: bigInt(opts.key.nHex, 16), e: opts.key.e });

class PortraitSockets extends PromisedNetSockets {
    async connect(port, ip, ...rest) {
        rec.count('connects');
        rec.log(`socket connect: gramjs asked for ${ip}:${port}, going to ${opts.host}:${opts.port}`);
        return super.connect(opts.port, opts.host, ...rest);
    }
}

class RecordingLogger extends Logger {
    constructor() {
        super(LogLevel.DEBUG);
    }

    log(level, message) {
        rec.log(`${level} ${message}`);
        if (message === 'Generated new auth_key successfully') rec.count('handshakes');
    }
}

async function main() {
    const session = new StringSession('');
    session.setDC(opts.dc, opts.host, 443);
    const client = new TelegramClient(session, 1, '0123456789abcdef0123456789abcdef', {
        connectionRetries: 3,
        retryDelay: 500,
        networkSocket: PortraitSockets,
        baseLogger: new RecordingLogger(),
        deviceModel: 'portrait-e2e',
        systemVersion: process.version,
        appVersion: version,
    });
    client.onError = async (e) => rec.log(`client error: ${errorText(e)}`);
    rec.result.layer = LAYER;
    rec.result.version = version;

    await withTimeout(client.start({ botAuthToken: token }), 60_000, 'client.start({ botAuthToken })');
    const me = await withTimeout(client.getMe(), 20_000, 'getMe()');
    rec.result.me = { id: me.id.toString(), bot: Boolean(me.bot), firstName: me.firstName ?? null, username: me.username ?? null };
    rec.log(`getMe: ${JSON.stringify(rec.result.me)}`);
    await rec.closeAndFinish(() => client.disconnect(), 'client.disconnect()');
}

rec.run(main);
