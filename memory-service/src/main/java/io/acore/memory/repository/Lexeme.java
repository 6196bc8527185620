package io.acore.memory.repository;

/** A word as the keyword index holds it (English stem, lower case), with the 64-bit hash term counts key it by. */
public record Lexeme(String text, long hash) {
}
