package dev.portrait.cli;

import dev.portrait.tl.TlException;
import dev.portrait.tl.TlJson;
import dev.portrait.tl.TlLayers;
import dev.portrait.tl.TlObject;
import dev.portrait.tl.TlReader;
import dev.portrait.tl.TlWriter;
import dev.portrait.tl.api.ApiRegistry;
import dev.portrait.tl.compiler.TlCombinator;
import dev.portrait.tl.compiler.TlCrc;
import dev.portrait.tl.compiler.TlParser;
import dev.portrait.tl.compiler.TlSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

/** TL tools for developers: check schema files, decode and encode objects in any layer Portrait serves. */
@Command(name = "tl", mixinStandardHelpOptions = true, description = "TL schema and codec tools.",
        subcommands = {TlCommand.Check.class, TlCommand.Decode.class, TlCommand.Encode.class})
final class TlCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "check", description = "Parse TL schema files and report ids that are not the CRC32 of their line "
            + "(known forms of public clients' files are named and accepted).")
    static final class Check implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Override
        public Integer call() throws Exception {
            int bad = 0;
            for (Path f : files) {
                TlSchema s = TlParser.parse(f);
                List<TlCombinator> mismatches = new java.util.ArrayList<>();
                List<String> explained = new java.util.ArrayList<>();
                for (TlCombinator c : s.idMismatches()) {
                    String why = TlCrc.explainMismatch(c);
                    if (why == null) mismatches.add(c);
                    else explained.add(String.format("  line %d: %s#%s: %s", c.lineNumber(), c.name(), c.hexId(), why));
                }
                System.out.printf("%s: %d combinators, %d ids checked, %d mismatches%s%n", f, s.combinators().size(),
                        s.combinators().stream().filter(TlCombinator::explicitId).count(), mismatches.size(),
                        explained.isEmpty() ? "" : ", " + explained.size() + " known forms");
                explained.forEach(System.out::println);
                for (TlCombinator c : mismatches)
                    System.out.printf("  line %d: %s#%s, CRC32 of the line is %08x%n", c.lineNumber(), c.name(), c.hexId(), c.computedId());
                bad += mismatches.size();
            }
            return bad == 0 ? 0 : 1;
        }
    }

    @Command(name = "decode", description = "Decode a boxed TL object (hex) to canonical JSON.")
    static final class Decode implements Callable<Integer> {
        @Parameters(paramLabel = "HEX")
        String hex;

        @Override
        public Integer call() {
            try {
                TlReader r = new TlReader(HexFormat.of().parseHex(hex.replaceAll("\\s", "")));
                TlObject o = ApiRegistry.readObject(r);
                System.out.println(TlJson.toJson(o).toPrettyString());
                if (r.hasRemaining()) System.err.println(r.remaining() + " bytes left over");
                return 0;
            } catch (TlException | IllegalArgumentException e) {
                System.err.println("cannot decode: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "encode", description = "Encode a canonical JSON TL object to hex, in a client's layer.")
    static final class Encode implements Callable<Integer> {
        @Parameters(paramLabel = "JSON")
        String json;

        @Option(names = "--layer", description = "the layer the client announced (default: ${DEFAULT-VALUE})")
        int layer = TlLayers.LATEST;

        @Override
        public Integer call() {
            try {
                TlWriter w = new TlWriter().layer(TlLayers.schemaLayerFor(layer));
                TlJson.fromJsonString(json).write(w);
                System.out.println(HexFormat.of().formatHex(w.toByteArray()));
                return 0;
            } catch (TlException | IllegalArgumentException e) {
                System.err.println("cannot encode: " + e.getMessage());
                return 1;
            }
        }
    }
}
