/** The implementations of the standard helpers that do not work on maps (time, randomness, tracing, ExtOS's byte helpers). */
package dev.extos.vm.helpers;
