/**
 * Loads ELF objects written by {@code clang -O2 -g -target bpf -c} into verifiable programs.
 *
 * <p>{@link dev.extos.isa.elf.ElfLoader#load(java.nio.file.Path)} reads an ELF64 little-endian
 * relocatable object for the BPF machine (EM_BPF 247) and returns a {@link dev.extos.isa.elf.BpfObject}:
 * <ul>
 *   <li><b>Licence</b>: the string in section {@code license}.</li>
 *   <li><b>Maps</b>, as {@link dev.extos.isa.MapSpec}s in a fixed order that programs index: first the
 *       BTF-defined maps of {@code .maps} (libbpf's {@code __uint(type, ...)}, {@code __uint(max_entries, ...)},
 *       {@code __uint(map_flags, ...)}, {@code __type(key, T)}, {@code __type(value, T)},
 *       {@code __uint(key_size/value_size, ...)}; integers are read from the element count of the
 *       pointer-to-array type libbpf's macros declare, key and value sizes by resolving the BTF type),
 *       ordered by offset; then the legacy {@code maps} section ({@code struct bpf_map_def}: type, key
 *       size, value size, max entries, flags), ordered by offset; then one single-entry array per global
 *       data section ({@code .rodata*} read-only, {@code .data*}, {@code .bss*} whose initial data is
 *       empty, meaning zeros), in section order, named after the section. A map type ExtOS does not
 *       implement is an error.</li>
 *   <li><b>Programs</b>: one {@link dev.extos.isa.elf.BpfProgram} per function symbol of each executable
 *       section other than {@code .text}, named after the function and carrying its {@code SEC()} name.
 *       The isa does not know program types; callers resolve them with the verifier's
 *       {@code ProgramType.forSection(section)}, which refuses names it does not know.</li>
 * </ul>
 *
 * <p><b>Linking</b>, as libbpf does it: a program is its entry function followed by every function it
 * calls, transitively, each appended once in the order first called. A bpf-to-bpf call (src 1) is
 * resolved either through its {@code R_BPF_64_32} relocation (target = symbol value / 8 + imm + 1 in
 * the symbol's section) or, without one, relative to its own section; its offset is then rewritten
 * for the linked layout. An {@code lddw} with an {@code R_BPF_64_64} relocation becomes
 * {@code lddw map_fd i} (src 1, imm = map index) for a symbol of {@code .maps} or {@code maps}, or
 * {@code lddw map_value i} (src 2, imm = index of the section's global map, second imm = symbol value
 * + the addend clang left in the instruction) for a symbol of a global-data section.
 *
 * <p><b>Line info</b>: when the object has {@code .BTF.ext}, each program's
 * {@link dev.extos.isa.elf.LineInfo} maps slots to the C {@link dev.extos.isa.elf.SourceLine} (file,
 * line, column, text), shifted for appended subprograms, so a verifier rejection can quote the source.
 *
 * <p><b>Errors</b>: every malformed input (truncated or corrupted headers, ELF32, big-endian, another
 * machine, unknown relocation types, relocations against missing or undefined symbols, offsets out of
 * range, BTF garbage, invalid instructions) is an {@link dev.extos.isa.elf.ElfFormatException} whose
 * message names the file, the section and the byte offset. The loader trusts no count or offset
 * before checking it against the bytes that hold it; a fuzz test holds it to that.
 *
 * <p>Not supported (each refused with a clear message): RELA relocations, extern symbols (kconfig,
 * ksyms, kfuncs), function pointers ({@code lddw} of a function, used by callbacks such as bpf_loop),
 * map-in-map and initialised program arrays ({@code values} in a map definition), CO-RE relocations
 * (ignored: {@code .BTF.ext} is read for line info only).
 */
package dev.extos.isa.elf;
