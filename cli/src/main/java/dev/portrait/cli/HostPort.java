package dev.portrait.cli;

import picocli.CommandLine;

/** HOST:PORT as given on the command line. */
record HostPort(String host, int port) {
    static final class Converter implements CommandLine.ITypeConverter<HostPort> {
        @Override
        public HostPort convert(String value) {
            int colon = value.lastIndexOf(':');
            if (colon <= 0 || colon == value.length() - 1)
                throw new CommandLine.TypeConversionException("expected HOST:PORT, got '" + value + "'");
            try {
                int port = Integer.parseInt(value.substring(colon + 1));
                if (port < 0 || port > 65535) throw new NumberFormatException();
                return new HostPort(value.substring(0, colon), port);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("bad port in '" + value + "'");
            }
        }
    }
}
