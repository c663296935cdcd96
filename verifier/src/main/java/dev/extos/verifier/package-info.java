/** The verifier's API: {@link dev.extos.verifier.Verifier}, program types and verdicts. */
package dev.extos.verifier;
