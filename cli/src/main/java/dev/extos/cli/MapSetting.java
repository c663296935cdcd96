package dev.extos.cli;

import dev.extos.isa.ExtosException;
import dev.extos.linux.KernelMap;
import dev.extos.linux.KernelObject;

/** {@code --set MAP=VALUE}: writes an integer at key 0 of one of a kernel object's array maps (a port, a threshold). */
final class MapSetting {
    private MapSetting() {
    }

    /** Applies {@code setting} ({@code MAP=VALUE}, VALUE decimal or 0x hex) to {@code object}'s map. */
    static void apply(KernelObject object, String setting) {
        int eq = setting.indexOf('=');
        if (eq <= 0) {
            throw new ExtosException("--set " + setting + ": expected MAP=VALUE, e.g. --set port=9000");
        }
        String name = setting.substring(0, eq);
        KernelMap map = object.map(name).orElseThrow(() -> new ExtosException("--set " + setting + ": the program has no map "
                + name + " (it has " + object.maps().stream().map(KernelMap::name).toList() + ")"));
        long value;
        try {
            value = Long.decode(setting.substring(eq + 1));
        } catch (NumberFormatException e) {
            throw new ExtosException("--set " + setting + ": " + setting.substring(eq + 1) + " is not an integer");
        }
        if (map.keySize() != 4 || map.valueSize() > 8) {
            throw new ExtosException("--set " + setting + ": map " + name + " has " + map.keySize() + "-byte keys and "
                    + map.valueSize() + "-byte values; --set writes an integer of at most 8 bytes at key 0 of an array map");
        }
        byte[] bytes = new byte[map.valueSize()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (value >>> (8 * i));
        }
        map.update(new byte[4], bytes, KernelMap.BPF_ANY);
    }
}
