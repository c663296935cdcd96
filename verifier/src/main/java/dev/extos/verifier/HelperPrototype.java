package dev.extos.verifier;

/**
 * The signature of a helper function a program type allows. Phase 1 declares none; argument and
 * return kinds (map handle, pointer to initialised stack of n bytes, maybe-null map value...)
 * come with the helper-prototype issue, and the engine's call rule already looks them up here.
 */
public record HelperPrototype(int id, String name) {
}
