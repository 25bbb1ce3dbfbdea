package dev.visitstream.generator.visit;

/**
 * One record for {@code website-visit}: key = user id, value = visit JSON (or a flawed variant).
 */
public record VisitRecord(byte[] key, byte[] value, Flaw flaw) {

  public boolean malformed() {
    return flaw != null;
  }
}
