// @mtproto/core 6.3.0 (layer 158) against a Portrait server: fresh auth key (empty in-memory storage), obfuscated
// intermediate transport, legacy RSA (sha1 + data + random padding) of plain p_q_inner_data, then
// mtproto.call('help.getConfig') (the client wraps every call in invokeWithLayer(158, initConnection(...))), then
// stays connected for --seconds and reports reconnects and transport errors.
//
//   node clients/mtproto-core-connect.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --data-dir D --json)"
//
// Prints one JSON line on stdout (see lib/harness.mjs); logs go to stderr.
//
// How the unmodified client is pointed at the server, at runtime only, and how its events are classified: see
// lib/mtproto-core-client.mjs (getPublisKeysByHex replaced, dcList, in-memory storage, its debug log, console.warn,
// unhandled rejections).

import { startRecorder, withTimeout, sleep, errorText, dcOptionsOf, fingerprintLookupWarning } from './lib/harness.mjs';
import { LAYER, version, mtprotoCoreHarness } from './lib/mtproto-core-client.mjs';

const CLIENT = 'mtproto-core';
const rec = startRecorder(CLIENT);
const opts = rec.opts;
const core = mtprotoCoreHarness(rec, { detailed: true });
rec.armTimeout();

async function main() {
    const quirk = fingerprintLookupWarning(opts.key);
    if (quirk) rec.warn(quirk);
    rec.result.layer = LAYER;
    rec.result.version = version;

    const t0 = Date.now();
    let got;
    try {
        got = await core.firstConfig(); // a fresh instance after the client's own key bug, 3 in all
    } catch (e) {
        // rpc_error objects come back as plain {_: 'mt_rpc_error', error_code, error_message}
        rec.error(`help.getConfig failed: ${errorText(e)}`);
        return rec.finish(false);
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
