// gramjs (npm `telegram` 2.26.22, layer 198) against a Portrait server: fresh auth key, invokeWithLayer(initConnection
// (help.getConfig)) as client.connect() does it, then help.getConfig again through client.invoke, then stays connected
// for --seconds (gramjs pings every 9 s with ping_delay_disconnect) and reports reconnects and transport errors.
//
//   node clients/gramjs-connect.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --data-dir D --json)" --seconds 30
//
// Prints one JSON line on stdout (see lib/harness.mjs); logs go to stderr.
//
// How the unmodified client is pointed at the server, at runtime only, and how its events are classified: see
// lib/gramjs-client.mjs (the RSA key in RSA._serverKeys, a socket class going to --host:--port, a recording Logger,
// client.onError). This script uses its detailed classification: pongs and bad server salts counted, warnings listed.

import { startRecorder, withTimeout, sleep, dcOptionsOf } from './lib/harness.mjs';
import { Api, LAYER, version, gramjsHarness } from './lib/gramjs-client.mjs';

const CLIENT = 'gramjs';
const rec = startRecorder(CLIENT);
const opts = rec.opts;
rec.catchUnhandled();
rec.armTimeout();

const gram = gramjsHarness(rec, { detailed: true });

async function main() {
    const client = gram.createClient();
    rec.result.layer = LAYER;
    rec.result.version = version;

    const t0 = Date.now();
    // connect(): TCP, fresh auth key (no key in the session), then invokeWithLayer(198, initConnection(help.getConfig))
    const connected = await withTimeout(client.connect(), 60_000, 'client.connect()');
    if (!connected) {
        rec.error('client.connect() returned false (every connection attempt failed)');
        return rec.finish(false);
    }
    rec.result.connectMs = Date.now() - t0;
    if (!client.session.getAuthKey()?.getKey()) rec.error('no auth key after connect()');
    if (rec.counters.handshakes < 1) rec.error('connect() did not create a new auth key');

    const t1 = Date.now();
    const config = await withTimeout(client.invoke(new Api.help.GetConfig()), 30_000, 'help.getConfig');
    rec.result.getConfigMs = Date.now() - t1;
    if (!(config instanceof Api.Config)) {
        rec.error(`help.getConfig returned ${config?.className ?? typeof config}, not config`);
        return rec.finish(false);
    }
    rec.result.thisDc = config.thisDc;
    rec.result.dcOptions = dcOptionsOf(config.dcOptions);
    rec.result.testMode = config.testMode;
    rec.log(`config: this_dc ${config.thisDc}, ${config.dcOptions.length} dc_options`);

    if (opts.seconds > 0) {
        rec.log(`staying connected for ${opts.seconds} s`);
        await sleep(opts.seconds * 1000);
        // the connection must still answer after the wait
        const again = await withTimeout(client.invoke(new Api.help.GetConfig()), 30_000, 'help.getConfig after the wait');
        if (!(again instanceof Api.Config)) rec.error(`help.getConfig after the wait returned ${again?.className}`);
        // gramjs pings every 9 s; a pong per ping is expected (at least one per 9 s minus the first interval)
        const expected = Math.floor(opts.seconds / 9) - 1;
        if (rec.counters.pongs < expected) rec.error(`only ${rec.counters.pongs} pong(s) in ${opts.seconds} s (expected >= ${expected})`);
    }

    await rec.closeAndFinish(() => client.disconnect(), 'client.disconnect()');
}

rec.run(main);
