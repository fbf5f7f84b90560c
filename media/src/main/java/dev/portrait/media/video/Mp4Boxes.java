package dev.portrait.media.video;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what the checks need from an MP4 that our own ffmpeg run wrote ({@code u}, {@code p}): the tracks' handler,
 * sample-entry codec, size, duration and sample count, and whether the moov box comes before the mdat box. Only for
 * our outputs (a bounded, defensive parser; an upload is never given to it: those are parsed by ffprobe in a child
 * process). Saves two ffprobe processes per job, which cost 150–250 ms each with Debian's ffmpeg (215 shared
 * libraries to load).
 */
final class Mp4Boxes {
    /** One track. {@code codec} is the sample entry's fourcc ({@code avc1}), {@code duration} in seconds. */
    record Track(String handler, String codec, int width, int height, double duration, long samples) {}

    /** The file: its tracks, the movie duration (s), and whether moov precedes mdat (faststart). */
    record Info(List<Track> tracks, double duration, boolean moovFirst) {}

    private Mp4Boxes() {}

    /** Null when the bytes are not a well-formed MP4 with a moov and an mdat box. */
    static Info read(byte[] mp4) {
        try {
            ByteBuffer b = ByteBuffer.wrap(mp4);
            int moov = -1;
            int moovEnd = -1;
            int mdat = -1;
            int pos = 0;
            while (pos + 8 <= mp4.length) {
                long size = box(b, pos);
                String type = type(b, pos);
                if (size < 8 || pos + size > mp4.length) {
                    return null;
                }
                if (type.equals("moov") && moov < 0) {
                    moov = pos;
                    moovEnd = (int) (pos + size);
                } else if (type.equals("mdat") && mdat < 0) {
                    mdat = pos;
                }
                pos += (int) size;
            }
            if (pos != mp4.length || moov < 0 || mdat < 0) {
                return null;
            }
            double movieDuration = Double.NaN;
            List<Track> tracks = new ArrayList<>();
            for (int[] child : children(b, moov + 8, moovEnd)) {
                String type = type(b, child[0]);
                if (type.equals("mvhd")) {
                    movieDuration = headerDuration(b, child[0] + 8);
                } else if (type.equals("trak")) {
                    Track t = track(b, child[0] + 8, child[1]);
                    if (t == null) {
                        return null;
                    }
                    tracks.add(t);
                }
            }
            return new Info(List.copyOf(tracks), movieDuration, moov < mdat);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Track track(ByteBuffer b, int start, int end) {
        int[] mdia = find(b, start, end, "mdia");
        if (mdia == null) {
            return null;
        }
        int[] mdhd = find(b, mdia[0] + 8, mdia[1], "mdhd");
        int[] hdlr = find(b, mdia[0] + 8, mdia[1], "hdlr");
        int[] minf = find(b, mdia[0] + 8, mdia[1], "minf");
        if (mdhd == null || hdlr == null || minf == null) {
            return null;
        }
        String handler = fourcc(b, hdlr[0] + 16); // header, version/flags, pre_defined, then handler_type
        double duration = headerDuration(b, mdhd[0] + 8);
        int[] stbl = find(b, minf[0] + 8, minf[1], "stbl");
        if (stbl == null) {
            return null;
        }
        int[] stsd = find(b, stbl[0] + 8, stbl[1], "stsd");
        int[] stsz = find(b, stbl[0] + 8, stbl[1], "stsz");
        if (stsd == null || stsz == null) {
            return null;
        }
        // stsd: version/flags, entry_count, then the first sample entry box
        int entry = stsd[0] + 16;
        if (b.getInt(stsd[0] + 12) < 1 || entry + 8 > stsd[1]) {
            return null;
        }
        String codec = type(b, entry);
        int width = 0;
        int height = 0;
        if (handler.equals("vide") && entry + 36 <= stsd[1]) {
            // VisualSampleEntry: 8 header, 6 reserved, 2 data_reference_index, 16 pre_defined/reserved, width, height
            width = Short.toUnsignedInt(b.getShort(entry + 32));
            height = Short.toUnsignedInt(b.getShort(entry + 34));
        }
        long samples = Integer.toUnsignedLong(b.getInt(stsz[0] + 16)); // version/flags, sample_size, sample_count
        return new Track(handler, codec, width, height, duration, samples);
    }

    /** Duration in seconds from an mvhd or mdhd box body (version 0 or 1). */
    private static double headerDuration(ByteBuffer b, int body) {
        int version = b.get(body) & 0xFF;
        long timescale;
        long duration;
        if (version == 1) {
            timescale = Integer.toUnsignedLong(b.getInt(body + 20));
            duration = b.getLong(body + 24);
        } else {
            timescale = Integer.toUnsignedLong(b.getInt(body + 12));
            duration = Integer.toUnsignedLong(b.getInt(body + 16));
        }
        return timescale == 0 ? Double.NaN : (double) duration / timescale;
    }

    private static List<int[]> children(ByteBuffer b, int start, int end) {
        List<int[]> out = new ArrayList<>();
        int pos = start;
        while (pos + 8 <= end) {
            long size = box(b, pos);
            if (size < 8 || pos + size > end) {
                throw new IllegalArgumentException("bad box at " + pos);
            }
            out.add(new int[] {pos, (int) (pos + size)});
            pos += (int) size;
        }
        return out;
    }

    private static int[] find(ByteBuffer b, int start, int end, String type) {
        for (int[] c : children(b, start, end)) {
            if (type(b, c[0]).equals(type)) {
                return c;
            }
        }
        return null;
    }

    /**
     * A box's size, or -1 for the forms our small outputs never use: 64-bit sizes (1) and "to the end of the file"
     * (0).
     */
    private static long box(ByteBuffer b, int pos) {
        long size = Integer.toUnsignedLong(b.getInt(pos));
        return size < 8 ? -1 : size;
    }

    /** The type of the box at {@code pos}. */
    private static String type(ByteBuffer b, int pos) {
        return fourcc(b, pos + 4);
    }

    private static String fourcc(ByteBuffer b, int pos) {
        byte[] t = new byte[4];
        b.get(pos, t);
        return new String(t, StandardCharsets.ISO_8859_1);
    }
}
