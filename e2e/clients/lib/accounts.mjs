// Shared code of the accounts scripts in e2e/clients/ (<client>-accounts.mjs): their extra options, test phone numbers
// and codes, and the way each check is run and recorded in the one JSON line (see harness.mjs).
//
// Every check is a step: a step that throws is recorded (result.stepErrors[name] and an error) and the script goes on,
// so that one server bug does not hide the others. Calls that must fail go through expectRpcError, which records the
// error code and message (or that the call succeeded).

import { startRecorderWith, errorText, withTimeout } from './harness.mjs';

const ACCOUNTS_OPTIONS = ['--phones', '--flood-phone'];

/**
 * The recorder of an accounts script: the harness's options plus --phones A,B,C (three test numbers 99966XYYYY, the
 * first may carry a '+'). rec.phones = {A, B, C} (digits only). Optional --flood-phone P: a fourth test number that
 * scripts supporting it use up with wrong codes until FLOOD_WAIT (rec.floodPhone, or null); it stays blocked for the
 * server's flood window, so give a new one on every run against the same server.
 */
export function startAccountsRecorder(client) {
    const rec = startRecorderWith(client, ACCOUNTS_OPTIONS, ['--phones']);
    const list = rec.extra.phones.split(',').map((p) => p.trim().replace(/^\+/, ''));
    if (list.length !== 3 || !list.every((p) => /^99966\d{5}$/.test(p)) || new Set(list).size !== 3) {
        process.stderr.write(`--phones needs three different test numbers 99966XYYYY, got ${rec.extra.phones}\n`);
        process.exit(2);
    }
    rec.phones = { A: list[0], B: list[1], C: list[2] };
    rec.floodPhone = rec.extra['flood-phone']?.replace(/^\+/, '') ?? null;
    if (rec.floodPhone !== null && (!/^99966\d{5}$/.test(rec.floodPhone) || list.includes(rec.floodPhone))) {
        process.stderr.write(`--flood-phone needs a fourth test number 99966XYYYY, got ${rec.extra['flood-phone']}\n`);
        process.exit(2);
    }
    rec.result.stepErrors = {};
    return rec;
}

/** The code a test number 99966XYYYY receives: X five times. */
export function testCode(phone) {
    return phone.charAt(5).repeat(5);
}

/** A code that is not the test number's (same length). */
export function wrongCode(phone) {
    return testCode(phone) === '12345' ? '54321' : '12345';
}

/**
 * A username that no earlier run against the same server took: prefix + base-36 time and random, in mixed case so that
 * resolving it in another case means something. Valid: starts with a letter, 5..32 of [A-Za-z0-9_], no "__".
 */
export function freshUsername(prefix) {
    const tag = (Date.now().toString(36) + Math.floor(Math.random() * 36 ** 3).toString(36)).slice(-9);
    return `${prefix}${tag}`.slice(0, 32);
}

/** "privacyValueAllowUsers" / "PrivacyValueAllowUsers" → "allowUsers". */
export function ruleKind(name) {
    const s = String(name).replace(/^privacyValue/i, '');
    return s.charAt(0).toLowerCase() + s.slice(1);
}

/** A signed 64-bit decimal string of whatever long representation a client uses (bigInt, Long, string, number). */
export function signedLong(v) {
    if (v === undefined || v === null) return null;
    const s = typeof v === 'bigint' ? v.toString() : v.toString();
    return BigInt.asIntN(64, BigInt(s)).toString();
}

/**
 * Runs one check. What fn returns is stored at result[name] (unless undefined); a throw is recorded in
 * result.stepErrors[name] and as an error, and step resolves with undefined.
 */
export async function step(rec, name, fn, timeoutMs = 30_000) {
    rec.log(`step ${name}`);
    try {
        const value = await withTimeout(Promise.resolve().then(fn), timeoutMs, `step ${name}`);
        if (value !== undefined) rec.result[name] = value;
        return value;
    } catch (e) {
        const text = errorText(e);
        rec.result.stepErrors[name] = text;
        rec.error(`step ${name} failed: ${text}${e?.stack ? '\n' + e.stack : ''}`);
        return undefined;
    }
}

/**
 * Awaits a call that must fail with an RPC error; returns {code, message} of the error, or {unexpectedSuccess: ...}
 * when it succeeded, or {notRpcError: text} when it failed some other way. toRpc maps the client's error object to
 * {code, message} or null when it is not an RPC error.
 */
export async function expectRpcError(promiseOrFn, toRpc, describe = (v) => v?.className ?? v?._ ?? typeof v) {
    try {
        const v = await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
        return { unexpectedSuccess: describe(v) };
    } catch (e) {
        const rpc = toRpc(e);
        if (rpc) return rpc;
        return { notRpcError: errorText(e) };
    }
}

/** Throws unless cond, with what was seen. */
export function need(cond, what, seen) {
    if (!cond) throw new Error(`${what}${seen === undefined ? '' : `; got ${stringify(seen)}`}`);
}

export function stringify(v) {
    try {
        return JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x));
    } catch {
        return String(v);
    }
}
