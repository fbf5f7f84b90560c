package dev.portrait.tl.compiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads TL as Telegram writes it: {@code //} comments, {@code ---types---} / {@code ---functions---} sections,
 * {@code name#id {X:Type} arg:type ... = Result;} lines. Builtin definitions ({@code int ? = Int;},
 * {@code vector {t:Type} # [ t ] = Vector t;}, {@code int128 4*[ int ] = Int128;}) are recognised and skipped.
 */
public final class TlParser {
    private static final Pattern LAYER = Pattern.compile("^//\\s*LAYER\\s+(\\d+)");
    private static final Pattern HEAD = Pattern.compile("^([A-Za-z_][\\w.]*)(?:#([0-9a-fA-F]{1,8}))?$");
    private static final Pattern FLAGGED = Pattern.compile("^(\\w+)\\.(\\d+)\\?(.+)$");
    private static final Pattern TYPE_PARAM = Pattern.compile("^\\{(\\w+):Type}$");

    private TlParser() {
    }

    public static TlSchema parse(Path file) throws IOException {
        return parse(Files.readString(file), file.getFileName().toString());
    }

    public static TlSchema parse(String text, String source) {
        List<TlCombinator> out = new ArrayList<>();
        boolean functions = false;
        Integer layer = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i].trim();
            Matcher lm = LAYER.matcher(raw);
            if (lm.find()) layer = Integer.parseInt(lm.group(1));
            int comment = raw.indexOf("//");
            String line = (comment >= 0 ? raw.substring(0, comment) : raw).trim();
            if (line.isEmpty()) continue;
            if (line.equals("---types---")) {
                functions = false;
                continue;
            }
            if (line.equals("---functions---")) {
                functions = true;
                continue;
            }
            if (line.startsWith("---")) throw error(source, i + 1, "unknown section " + line);
            if (isBuiltin(line)) continue;
            out.add(parseLine(line, functions, source, i + 1));
        }
        return new TlSchema(source, List.copyOf(out), layer);
    }

    static boolean isBuiltin(String line) {
        return line.contains("[") || line.contains(" ? ");
    }

    static TlCombinator parseLine(String line, boolean function, String source, int lineNumber) {
        if (!line.endsWith(";")) throw error(source, lineNumber, "missing ';'");
        String body = line.substring(0, line.length() - 1).trim();
        int eq = body.lastIndexOf(" = ");
        if (eq < 0) throw error(source, lineNumber, "missing ' = '");
        String left = body.substring(0, eq).trim();
        String resultText = body.substring(eq + 3).trim();
        if (resultText.isEmpty() || resultText.contains(" ")) throw error(source, lineNumber, "bad result type");
        String[] tokens = left.split("\\s+");
        Matcher head = HEAD.matcher(tokens[0]);
        if (!head.matches()) throw error(source, lineNumber, "bad combinator name " + tokens[0]);
        String name = head.group(1);
        List<String> typeParams = new ArrayList<>();
        List<TlArg> args = new ArrayList<>();
        List<String> flagWords = new ArrayList<>();
        for (int t = 1; t < tokens.length; t++) {
            String tok = tokens[t];
            Matcher tp = TYPE_PARAM.matcher(tok);
            if (tp.matches()) {
                typeParams.add(tp.group(1));
                continue;
            }
            int colon = tok.indexOf(':');
            if (colon <= 0) throw error(source, lineNumber, "bad argument " + tok);
            String argName = tok.substring(0, colon);
            String typeText = tok.substring(colon + 1);
            Matcher fm = FLAGGED.matcher(typeText);
            if (fm.matches()) {
                String word = fm.group(1);
                if (!flagWords.contains(word)) throw error(source, lineNumber, "flags word " + word + " used before it is declared");
                int bit = Integer.parseInt(fm.group(2));
                if (bit > 31) throw error(source, lineNumber, "flag bit over 31");
                args.add(new TlArg(argName, TlTypeRef.parse(fm.group(3)), word, bit));
            } else {
                TlTypeRef type = TlTypeRef.parse(typeText);
                if (type.isFlagsWord()) flagWords.add(argName);
                if (type.generic() && !typeParams.contains(type.name()))
                    throw error(source, lineNumber, "unknown type parameter " + type.name());
                args.add(new TlArg(argName, type, null, -1));
            }
        }
        TlTypeRef result = TlTypeRef.parse(resultText);
        String idText = head.group(2);
        boolean explicit = idText != null;
        int id = explicit ? Integer.parseUnsignedInt(idText, 16) : TlCrc.idOf(line);
        return new TlCombinator(name, id, explicit, List.copyOf(typeParams), List.copyOf(args), result, function,
                line, lineNumber);
    }

    private static TlSchemaException error(String source, int line, String message) {
        return new TlSchemaException(source + ":" + line + ": " + message);
    }
}
