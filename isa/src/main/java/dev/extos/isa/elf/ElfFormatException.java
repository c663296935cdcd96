package dev.extos.isa.elf;

import dev.extos.isa.ExtosException;

/** An ELF object cannot be loaded: the message names the file, the section and the byte offset. */
public final class ElfFormatException extends ExtosException {
    private final String file;
    private final String section;
    private final long offset;
    private final String reason;

    public ElfFormatException(String file, String section, long offset, String reason) {
        this(file, section, offset, reason, null);
    }

    public ElfFormatException(String file, String section, long offset, String reason, Throwable cause) {
        super(file + ": section " + section + ", offset 0x" + Long.toHexString(offset) + ": " + reason, cause);
        this.file = file;
        this.section = section;
        this.offset = offset;
        this.reason = reason;
    }

    /** The file name the object was read from (or the name its caller gave it). */
    public String file() {
        return file;
    }

    /** The section at fault, or {@code "ELF header"} / {@code "section headers"} for the file's own tables. */
    public String section() {
        return section;
    }

    /** The byte offset of the fault within that section (within the file for the headers). */
    public long offset() {
        return offset;
    }

    /** Why the object was refused, without the location. */
    public String reason() {
        return reason;
    }
}
