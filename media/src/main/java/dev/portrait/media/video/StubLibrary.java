package dev.portrait.media.video;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes an empty x86-64 ELF shared object with a given SONAME: a stand-in for a system library that the bytedeco
 * ffmpeg build links but that we never call.
 *
 * <p>The bytedeco {@code libavdevice} needs {@code libpulse.so.0} (and {@code libasound.so.2}, {@code libxcb.so.1},
 * {@code libxcb-shm.so.0}) for its capture and playback devices. The programs {@code ffmpeg} and {@code ffprobe} link
 * libavdevice, so on a machine without PulseAudio they do not start at all ("error while loading shared libraries:
 * libpulse.so.0"). All of libavdevice's references to those libraries are lazily bound PLT calls (no data
 * relocations), and a library without symbol-version definitions satisfies a versioned reference with only a warning
 * from ld.so, so an object that has the right SONAME and no symbols lets the programs start; they would fail only if
 * they tried to open a PulseAudio/ALSA/X11 device, which our command lines never do.
 *
 * <p>The object is the smallest one glibc's loader accepts: the ELF header, a PT_LOAD covering the whole file, a
 * PT_DYNAMIC and a PT_GNU_STACK (non-executable stack), then .dynstr, a .dynsym with only the null symbol, a SysV
 * hash table and the dynamic section (DT_HASH, DT_STRTAB, DT_SYMTAB, DT_STRSZ, DT_SYMENT, DT_SONAME). No section
 * headers. Written by us byte by byte, so no compiler is needed on the machine.
 */
final class StubLibrary {
    /** The libraries we are willing to replace by an empty object: device back ends only. */
    static final Set<String> REPLACEABLE = Set.of("libpulse.so.0", "libasound.so.2", "libxcb.so.1",
            "libxcb-shm.so.0", "libxcb-shape.so.0", "libxcb-xfixes.so.0");

    private static final int EHDR = 64;
    private static final int PHDR = 56;
    private static final int PHNUM = 3;

    private StubLibrary() {}

    /** The bytes of an empty shared object named {@code soname}. */
    static byte[] bytes(String soname) {
        byte[] name = soname.getBytes(StandardCharsets.US_ASCII);
        int strtab = EHDR + PHNUM * PHDR;
        int strsz = name.length + 2; // "\0" soname "\0"
        int symtab = align8(strtab + strsz);
        int hash = symtab + 24; // one Elf64_Sym (the null symbol)
        int dynamic = align8(hash + 16); // nbucket, nchain, bucket[0], chain[0]
        int dynCount = 7;
        int size = dynamic + dynCount * 16;

        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        // e_ident: magic, ELFCLASS64, ELFDATA2LSB, EV_CURRENT, ELFOSABI_SYSV, padding
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        b.putShort((short) 3); // e_type ET_DYN
        b.putShort((short) 62); // e_machine EM_X86_64
        b.putInt(1); // e_version
        b.putLong(0); // e_entry
        b.putLong(EHDR); // e_phoff
        b.putLong(0); // e_shoff
        b.putInt(0); // e_flags
        b.putShort((short) EHDR);
        b.putShort((short) PHDR);
        b.putShort((short) PHNUM);
        b.putShort((short) 64); // e_shentsize
        b.putShort((short) 0); // e_shnum
        b.putShort((short) 0); // e_shstrndx

        // PT_LOAD: the whole file at address 0, read-write (the loader may adjust the dynamic section in place)
        phdr(b, 1, 6, 0, size, 0x1000);
        // PT_DYNAMIC
        phdr(b, 2, 6, dynamic, dynCount * 16L, 8);
        // PT_GNU_STACK: no executable stack
        phdr(b, 0x6474e551, 6, 0, 0, 16);

        b.position(strtab);
        b.put((byte) 0).put(name).put((byte) 0);
        // .dynsym: the null symbol is all zeros, already there
        b.position(hash);
        b.putInt(1).putInt(1).putInt(0).putInt(0);
        b.position(dynamic);
        dyn(b, 4, hash); // DT_HASH
        dyn(b, 5, strtab); // DT_STRTAB
        dyn(b, 6, symtab); // DT_SYMTAB
        dyn(b, 10, strsz); // DT_STRSZ
        dyn(b, 11, 24); // DT_SYMENT
        dyn(b, 14, 1); // DT_SONAME: offset 1 in .dynstr
        dyn(b, 0, 0); // DT_NULL
        return b.array();
    }

    /** Writes the stub {@code dir/soname} unless it is there already (atomically, so racing JVMs are fine). */
    static Path write(Path dir, String soname) throws IOException {
        if (!REPLACEABLE.contains(soname)) {
            throw new IllegalArgumentException("not a library we may replace: " + soname);
        }
        Files.createDirectories(dir);
        Path target = dir.resolve(soname);
        byte[] bytes = bytes(soname);
        if (Files.isRegularFile(target) && Files.size(target) == bytes.length) {
            return target;
        }
        Path tmp = Files.createTempFile(dir, soname, ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the default is fine
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    private static void phdr(ByteBuffer b, int type, int flags, long offset, long size, long align) {
        b.putInt(type);
        b.putInt(flags);
        b.putLong(offset); // p_offset
        b.putLong(offset); // p_vaddr
        b.putLong(offset); // p_paddr
        b.putLong(size); // p_filesz
        b.putLong(size); // p_memsz
        b.putLong(align);
    }

    private static void dyn(ByteBuffer b, long tag, long value) {
        b.putLong(tag);
        b.putLong(value);
    }

    private static int align8(int n) {
        return (n + 7) & ~7;
    }
}
