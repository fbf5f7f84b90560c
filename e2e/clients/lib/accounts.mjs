// Shared code of the accounts scripts in e2e/clients/ (<client>-accounts.mjs): their extra options, test phone numbers
// and codes, the sign-ups, the user / privacy views, and the way each check is run and recorded in the one JSON line
// (see harness.mjs). The photos and profile-features scripts use its phones, steps and RPC-error helpers too.
//
// Every check is a step: a step that throws is recorded (result.stepErrors[name] and an error) and the script goes on,
// so that one server bug does not hide the others. Calls that must fail go through expectRpcError, which records the
// error code and message (or that the call succeeded).

import { startRecorderWith, errorText, withTimeout, stderrLine, sleep } from './harness.mjs';

const ACCOUNTS_OPTIONS = ['--phones', '--flood-phone'];

/**
 * The recorder of an accounts script: the harness's options plus --phones A,B,C (three test numbers 99966XYYYY, the
 * first may carry a '+'). rec.phones = {A, B, C} (digits only). Optional --flood-phone P: a fourth test number that
 * scripts supporting it use up with wrong codes until FLOOD_WAIT (rec.floodPhone, or null); it stays blocked for the
 * server's flood window, so give a new one on every run against the same server.
 */
export function startAccountsRecorder(client) {
    const rec = startRecorderWith(client, ACCOUNTS_OPTIONS, ['--phones']);
    const list = takePhones(rec, ['A', 'B', 'C']);
    rec.floodPhone = rec.extra['flood-phone']?.replace(/^\+/, '') ?? null;
    if (rec.floodPhone !== null && (!/^99966\d{5}$/.test(rec.floodPhone) || list.includes(rec.floodPhone))) {
        process.stderr.write(`--flood-phone needs a fourth test number 99966XYYYY, got ${rec.extra['flood-phone']}\n`);
        process.exit(2);
    }
    rec.result.stepErrors = {};
    return rec;
}

/**
 * rec.phones = {A, B[, C]} from --phones (rec.extra.phones): one different test number 99966XYYYY per name, a leading
 * '+' dropped; anything else is a usage error (exit 2). Returns the numbers as a list.
 */
export function takePhones(rec, names) {
    const list = rec.extra.phones.split(',').map((p) => p.trim().replace(/^\+/, ''));
    if (list.length !== names.length || !list.every((p) => /^99966\d{5}$/.test(p)) || new Set(list).size !== names.length) {
        const count = ['none', 'one', 'two', 'three'][names.length] ?? names.length;
        stderrLine(`--phones needs ${count} different test numbers 99966XYYYY, got ${rec.extra.phones}`);
        process.exit(2);
    }
    rec.phones = Object.fromEntries(names.map((name, i) => [name, list[i]]));
    return list;
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

/**
 * A user (gramjs's Api.User or mtcute's raw user: the same camelCase fields) as the accounts scripts record it.
 */
export const userView = (u) => u && ({
    id: signedLong(u.id),
    accessHash: signedLong(u.accessHash),
    self: Boolean(u.self),
    contact: Boolean(u.contact),
    mutualContact: Boolean(u.mutualContact),
    firstName: u.firstName ?? null,
    lastName: u.lastName ?? null,
    username: u.username ?? null,
    phone: u.phone ?? null,
});

/** account.privacyRules as {rules: [{kind, users?}], users}, with the client's TL name of a rule (nameOf). */
export function rulesViewWith(nameOf) {
    return (r) => ({
        rules: r.rules.map((x) => ({ kind: ruleKind(nameOf(x)), ...(x.users ? { users: x.users.map(signedLong) } : {}) })),
        users: r.users.map((u) => signedLong(u.id)),
    });
}

/** The access_hash with its lowest bit flipped (signed decimal): a wrong hash of the right form. */
export const flipLowBit = (hash) => BigInt.asIntN(64, BigInt(hash) ^ 1n).toString();

/** The user of a users list with the id (signed decimal string), or undefined. */
export const findUser = (users, id) => (users ?? []).find((u) => signedLong(u.id) === id);

/** A signed 64-bit decimal string of whatever long representation a client uses (bigInt, Long, string, number). */
export function signedLong(v) {
    if (v === undefined || v === null) return null;
    const s = typeof v === 'bigint' ? v.toString() : v.toString();
    return BigInt.asIntN(64, BigInt(s)).toString();
}

/**
 * The accounts scripts' sign-ups: A (its number with '+', a wrong code first), B (its number without '+') and C (no
 * last name), each on its own client (a is A's; B's and C's come from newClient(label)), in the steps signUpA /
 * signUpB / signUpC. signUp(c, phone, first, last, codes) is the script's way, resolving with {flow, me};
 * accounts[X] = {...userView(me), signedUp: flow.signedUp}; step signUpA records viewA(flow). Returns the clients {b, c}.
 */
export async function signUpAccounts(rec, accounts, a, newClient, { signUp, userView, last, viewA }) {
    const { A, B, C } = rec.phones;
    await step(rec, 'signUpA', async () => {
        const { flow, me } = await signUp(a, '+' + A, 'Alice', last, [wrongCode(A), testCode(A)]);
        accounts.A = { ...userView(me), signedUp: flow.signedUp };
        return viewA(flow);
    });
    const b = await newClient('B');
    await step(rec, 'signUpB', async () => {
        const { flow, me } = await signUp(b, B, 'Bob', last, [testCode(B)]);
        accounts.B = { ...userView(me), signedUp: flow.signedUp };
    });
    const c = await newClient('C');
    await step(rec, 'signUpC', async () => {
        const { flow, me } = await signUp(c, C, 'Carol', '', [testCode(C)]);
        accounts.C = { ...userView(me), signedUp: flow.signedUp };
    });
    return { b, c };
}

/**
 * Runs one check. What fn returns is stored at result[name] (unless undefined); a throw is recorded in
 * result.stepErrors[name] and as an error, and step resolves with undefined.
 */
export async function step(rec, name, fn, timeoutMs = 30_000) {
    rec.log(`step ${name}`);
    rec.phase = name;
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

/**
 * resolve() again every 200 ms while it fails with USERNAME_NOT_OCCUPIED (rpc maps the client's error to {code,
 * message}), for up to ms: the Java test creates a bot as soon as its owner exists. Any other error, or that one past
 * the deadline, is thrown.
 */
export async function untilUsernameResolves(resolve, rpc, ms = 15_000) {
    const deadline = Date.now() + ms;
    for (;;) {
        try {
            return await resolve();
        } catch (e) {
            if (rpc(e)?.message !== 'USERNAME_NOT_OCCUPIED' || Date.now() > deadline) throw e;
            await sleep(200);
        }
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
