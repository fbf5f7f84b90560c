package dev.portrait.tl.testing;

import dev.portrait.tl.Int128;
import dev.portrait.tl.Int256;
import dev.portrait.tl.TlDescriptor;
import dev.portrait.tl.TlMethod;
import dev.portrait.tl.TlObject;
import dev.portrait.tl.TlSchemas;
import dev.portrait.tl.api.TypeUser;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Random instances of generated TL classes, driven by their descriptors: every field type, optional fields present
 * or not, strings with non-ASCII text and bytes around TL's padding and long-length boundaries. Nesting is bounded.
 */
public final class TlRandom {
    private static final String[] WORDS = {"", "a", "Portrait", "Жанна", "🙂", "profile photo", "漢字", "x".repeat(253),
            "y".repeat(254), "é", "\u0000"};

    private final Random random;
    private final Predicate<TlDescriptor> allowed;
    private final int maxDepth;
    private boolean nonZero;

    public TlRandom(long seed) {
        this(seed, d -> true, 5);
    }

    public TlRandom(long seed, Predicate<TlDescriptor> allowed, int maxDepth) {
        this.random = new Random(seed);
        this.allowed = allowed;
        this.maxDepth = maxDepth;
    }

    /**
     * Ids as Telegram issues them: ints and longs of fields named {@code id} or {@code *_id(s)} are positive, and no
     * int or long is 0 (gramjs's Message class refuses message id 0 and negates negative peer ids).
     */
    public TlRandom telegramLikeIds() {
        nonZero = true;
        return this;
    }

    /** Thrown when no allowed constructor can fill a required field. */
    public static final class Impossible extends RuntimeException {
        Impossible(String m) {
            super(m, null, false, false);
        }
    }

    public TlObject object(Class<? extends TlObject> cls) {
        return object(TlSchemas.descriptorOf(cls), 0);
    }

    public TlObject object(TlDescriptor d, int depth) {
        if (!allowed.test(d)) throw new Impossible(d.name() + " not allowed");
        List<TlDescriptor.Field> fields = d.fields();
        Object[] args = new Object[fields.size()];
        // Fields on one flags bit are present or absent together, as on the wire.
        java.util.Map<String, Boolean> bitPresent = new java.util.HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            TlDescriptor.Field f = fields.get(i);
            boolean present = !f.optional() || bitPresent.computeIfAbsent(f.flagsField() + "." + f.flagBit(),
                    k -> depth < maxDepth && random.nextInt(3) != 0);
            if (f.type().equals("true")) {
                args[i] = present;
            } else if (!present) {
                args[i] = null;
            } else {
                try {
                    boolean idField = f.name().equals("id") || f.name().endsWith("_id") || f.name().endsWith("_ids");
                    args[i] = value(f.type(), depth + 1);
                    if (nonZero && idField) args[i] = positive(args[i]);
                } catch (Impossible e) {
                    if (!f.optional()) throw e;
                    args[i] = null;
                }
            }
        }
        try {
            Constructor<?> ctor = d.javaClass().getDeclaredConstructors()[0];
            for (Constructor<?> c : d.javaClass().getDeclaredConstructors())
                if (c.getParameterCount() == args.length) ctor = c;
            return (TlObject) ctor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(d.name(), e);
        }
    }

    private static Object positive(Object v) {
        if (v instanceof Integer x) return x == Integer.MIN_VALUE ? 1 : Math.abs(x);
        if (v instanceof Long x) return x == Long.MIN_VALUE ? 1L : Math.abs(x);
        if (v instanceof List<?> l) return new ArrayList<>(l.stream().map(TlRandom::positive).toList());
        return v;
    }

    private Object value(String type, int depth) {
        if ((type.startsWith("Vector<") || type.startsWith("vector<")) && type.endsWith(">")) {
            String elem = type.substring(7, type.length() - 1);
            int n = depth >= maxDepth ? 0 : random.nextInt(4);
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) list.add(value(elem, depth));
            return list;
        }
        return switch (type) {
            case "int" -> switch (random.nextInt(4)) {
                case 0 -> nonZero ? 1 : 0;
                case 1 -> random.nextInt(1000) + (nonZero ? 1 : 0);
                case 2 -> random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
                default -> random.nextInt() | (nonZero ? 1 : 0);
            };
            case "long" -> random.nextInt(4) == 0 ? (long) random.nextInt(100) + (nonZero ? 1 : 0) : random.nextLong() | (nonZero ? 1 : 0);
            case "double" -> random.nextBoolean() ? random.nextInt(100) / 4.0 : random.nextDouble() * 1e6 - 5e5;
            case "string" -> string();
            case "bytes" -> bytes();
            case "int128" -> new Int128(random.nextLong(), random.nextLong());
            case "int256" -> new Int256(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
            case "Bool" -> random.nextBoolean();
            default -> object(type, depth);
        };
    }

    private String string() {
        if (random.nextInt(3) == 0) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(12);
            for (int i = 0; i < n; i++) sb.appendCodePoint(switch (random.nextInt(4)) {
                case 0 -> 'a' + random.nextInt(26);
                case 1 -> 0x400 + random.nextInt(0x100);
                case 2 -> 0x1F600 + random.nextInt(0x40);
                default -> 0x20 + random.nextInt(0x5f);
            });
            return sb.toString();
        }
        return WORDS[random.nextInt(WORDS.length)];
    }

    private byte[] bytes() {
        int len = switch (random.nextInt(8)) {
            case 0 -> 0;
            case 1 -> 250 + random.nextInt(10);
            case 2 -> random.nextInt(1000);
            case 3 -> random.nextInt(50) == 0 ? 70000 : 3;
            default -> random.nextInt(40);
        };
        byte[] b = new byte[len];
        random.nextBytes(b);
        return b;
    }

    private TlObject object(String type, int depth) {
        if (type.startsWith("!") || type.equals("Object")) {
            List<TlDescriptor> methods = TlSchemas.all().values().stream()
                    .filter(d -> d.function() && allowed.test(d) && d.fields().stream().noneMatch(f -> f.type().startsWith("!")))
                    // only the API schema has generic queries, and they wrap API methods
                    .filter(d -> d.javaClass().getPackageName().equals(TypeUser.class.getPackageName()))
                    .sorted(Comparator.comparing(TlDescriptor::name)).toList();
            if (methods.isEmpty()) throw new Impossible("no method");
            return object(methods.get(random.nextInt(methods.size())), depth);
        }
        String bare = type.startsWith("%") ? type.substring(1) : type;
        TlDescriptor byName = TlSchemas.byName(bare);
        if (byName != null && !byName.function()) return object(byName, depth);
        List<TlDescriptor> ctors = constructorsOf(bare);
        if (ctors.isEmpty()) throw new Impossible("no allowed constructor of " + type);
        if (depth >= maxDepth) {
            ctors = new ArrayList<>(ctors);
            ctors.sort(Comparator.comparingLong(d -> d.fields().stream().filter(f -> !f.optional() && !isPrimitive(f.type())).count()));
            for (TlDescriptor d : ctors) {
                try {
                    return object(d, depth);
                } catch (Impossible ignored) {
                    // try the next smallest
                }
            }
            throw new Impossible("no constructor of " + type + " fits");
        }
        return object(ctors.get(random.nextInt(ctors.size())), depth);
    }

    private static boolean isPrimitive(String t) {
        return switch (t) {
            case "int", "long", "double", "string", "bytes", "int128", "int256", "Bool", "true" -> true;
            default -> t.startsWith("Vector<") || t.startsWith("vector<");
        };
    }

    /** The allowed constructors of a TL type, found through the generated sealed interface. */
    public List<TlDescriptor> constructorsOf(String tlType) {
        Class<?> iface = typeInterface(tlType);
        if (iface == null) return List.of();
        return Arrays.stream(iface.getPermittedSubclasses()).map(TlSchemas::descriptorOf).filter(allowed).toList();
    }

    static Class<?> typeInterface(String tlType) {
        StringBuilder sb = new StringBuilder("Type");
        for (String part : tlType.split("[._]")) if (!part.isEmpty()) sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        for (String pkg : List.of(TypeUser.class.getPackageName(), "dev.portrait.tl.mtproto")) {
            try {
                return Class.forName(pkg + "." + sb);
            } catch (ClassNotFoundException ignored) {
                // try the next package
            }
        }
        return null;
    }

    /** A random generated class: constructors and methods alike. */
    public static List<Class<? extends TlObject>> allClasses() {
        List<Class<? extends TlObject>> all = new ArrayList<>();
        for (TlDescriptor d : TlSchemas.all().values()) all.add(d.javaClass());
        return all;
    }

    static boolean isMethod(TlObject o) {
        return o instanceof TlMethod<?>;
    }
}
