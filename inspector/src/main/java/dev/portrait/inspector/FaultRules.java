package dev.portrait.inspector;

import dev.portrait.server.rpc.Fault;
import dev.portrait.server.rpc.RpcContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Fault injection: rules matched against each call by method pattern ({@code *} for any run of characters:
 * {@code photos.*}), account and probability, each allowed a number of hits or unlimited; the first rule that
 * matches and fires decides. A rule answers an rpc_error, delays the call, or drops the connection.
 */
final class FaultRules {
    /**
     * A rule as the API takes and shows it. Exactly one of {@code error}, {@code delayMs}, {@code drop}.
     *
     * @param code        the rpc_error's code; by default Telegram's for the message (420 FLOOD_WAIT_X, 401 AUTH_*,
     *                    303 *_MIGRATE_X, 500 INTERNAL and RPC_*, else 400)
     * @param probability 0 to 1 (default 1)
     * @param count       hits left; null for no limit
     */
    record Rule(long id, String method, Long account, String error, Integer code, Long delayMs, Boolean drop,
                Double probability, Integer count, int hits) {
        Fault fault() {
            if (error != null) return new Fault.Error(code != null ? code : defaultCode(error), error);
            if (delayMs != null) return new Fault.Delay(delayMs);
            return new Fault.Drop();
        }
    }

    /** Rules kept at most: each call is matched against all of them. */
    static final int MAX_RULES = 1000;

    private final List<Rule> rules = new ArrayList<>();
    private final List<Pattern> patterns = new ArrayList<>();
    private long nextId = 1;
    /** rules.size(), readable without the lock: with no rule set, a call never waits for it. */
    private volatile int count;

    /** Checks and adds a rule (its id and hit count are the server's). */
    synchronized Rule add(Rule r) {
        String method = r.method() == null || r.method().isBlank() ? "*" : r.method().strip();
        int kinds = (r.error() != null ? 1 : 0) + (r.delayMs() != null ? 1 : 0) + (Boolean.TRUE.equals(r.drop()) ? 1 : 0);
        if (kinds != 1) throw ApiException.badRequest("FAULT_INVALID", "a rule has exactly one of error, delayMs, drop");
        if (r.probability() != null && !(r.probability() >= 0 && r.probability() <= 1)) {
            throw ApiException.badRequest("FAULT_INVALID", "probability is from 0 to 1");
        }
        if (r.count() != null && r.count() < 1) throw ApiException.badRequest("FAULT_INVALID", "count is at least 1");
        if (!method.matches("[A-Za-z0-9_.*]{1,128}")) {
            throw ApiException.badRequest("FAULT_INVALID", "method is a TL method name with * for any run of characters");
        }
        if (rules.size() >= MAX_RULES) throw ApiException.badRequest("FAULT_INVALID", "at most " + MAX_RULES + " rules");
        Rule rule = new Rule(nextId, method, r.account(), r.error() == null ? null : r.error().strip(), r.code(),
                r.delayMs(), Boolean.TRUE.equals(r.drop()) ? true : null, r.probability(), r.count(), 0);
        try {
            rule.fault(); // checks the error's code and name, the delay's range
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("FAULT_INVALID", e.getMessage());
        }
        nextId++;
        rules.add(rule);
        patterns.add(glob(method));
        count = rules.size();
        return rule;
    }

    synchronized List<Rule> list() {
        return List.copyOf(rules);
    }

    synchronized boolean remove(long id) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).id() == id) {
                rules.remove(i);
                patterns.remove(i);
                count = rules.size();
                return true;
            }
        }
        return false;
    }

    synchronized void clear() {
        rules.clear();
        patterns.clear();
        count = 0;
    }

    /** The fault for this call, counting the hit; null when no rule fires. */
    Fault match(RpcContext context, String method) {
        return count == 0 ? null : matchLocked(context.userId(), method);
    }

    /** The same for a call by account {@code userId} (a Bot API call: method {@code bot_api.<name>}). */
    Fault match(long userId, String method) {
        return count == 0 ? null : matchLocked(userId, method);
    }

    private synchronized Fault matchLocked(long userId, String method) {
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            if (r.account() != null && r.account() != userId) continue;
            if (!patterns.get(i).matcher(method).matches()) continue;
            if (r.probability() != null && ThreadLocalRandom.current().nextDouble() >= r.probability()) continue;
            Rule hit = new Rule(r.id(), r.method(), r.account(), r.error(), r.code(), r.delayMs(), r.drop(),
                    r.probability(), r.count() == null ? null : r.count() - 1, r.hits() + 1);
            if (hit.count() != null && hit.count() == 0) {
                rules.remove(i);
                patterns.remove(i);
                count = rules.size();
            } else {
                rules.set(i, hit);
            }
            return r.fault();
        }
        return null;
    }

    /**
     * A rule written on the command line ({@code serve --fault}): {@code METHOD=WHAT[,p=P][,count=N][,account=ID]}, WHAT
     * an rpc_error ({@code FLOOD_WAIT_5}, {@code 500:INTERNAL} for another code), {@code delay:MS} or {@code drop}.
     * Example: {@code photos.upload*=FLOOD_WAIT_5,count=1}.
     */
    static Rule parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) throw ApiException.badRequest("FAULT_INVALID", "a fault is METHOD=WHAT[,p=P][,count=N][,account=ID]: " + text);
        String[] parts = text.substring(eq + 1).split(",");
        String what = parts[0].strip();
        String error = null;
        Integer code = null;
        Long delay = null;
        Boolean drop = null;
        Double p = null;
        Integer count = null;
        Long account = null;
        try {
            if (what.equals("drop")) drop = true;
            else if (what.startsWith("delay:")) delay = Long.parseLong(what.substring(6));
            else if (what.matches("\\d{3}:.+")) {
                code = Integer.parseInt(what.substring(0, 3));
                error = what.substring(4);
            } else error = what;
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].strip().split("=", 2);
                if (kv.length != 2) throw new NumberFormatException(parts[i]);
                switch (kv[0]) {
                    case "p" -> p = Double.parseDouble(kv[1]);
                    case "count" -> count = Integer.parseInt(kv[1]);
                    case "account" -> account = Long.parseLong(kv[1]);
                    default -> throw new NumberFormatException(kv[0]);
                }
            }
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("FAULT_INVALID", "a fault is METHOD=WHAT[,p=P][,count=N][,account=ID]: " + text);
        }
        return new Rule(0, text.substring(0, eq).strip(), account, error, code, delay, drop, p, count, 0);
    }

    /** The method pattern (checked: letters, digits, _ . and *) as a regular expression. */
    static Pattern glob(String method) {
        return Pattern.compile(method.replace(".", "\\.").replace("*", ".*"));
    }

    /** Telegram's code for an rpc_error message. */
    static int defaultCode(String message) {
        String m = message.toUpperCase(Locale.ROOT);
        if (m.startsWith("FLOOD_WAIT_") || m.startsWith("FLOOD_PREMIUM_WAIT_") || m.startsWith("SLOWMODE_WAIT_")) return 420;
        if (m.startsWith("AUTH_KEY_") || m.equals("SESSION_REVOKED") || m.equals("SESSION_EXPIRED")
                || m.equals("USER_DEACTIVATED") || m.equals("SESSION_PASSWORD_NEEDED")) return 401;
        if (m.contains("_MIGRATE_")) return 303;
        if (m.equals("INTERNAL") || m.startsWith("RPC_") || m.endsWith("_INTERNAL")) return 500;
        return 400;
    }
}
