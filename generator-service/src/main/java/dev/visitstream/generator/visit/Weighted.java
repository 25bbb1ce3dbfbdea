package dev.visitstream.generator.visit;

/** Picks an index from a table of shares that sum to 1. */
final class Weighted {

  private Weighted() {}

  static int pick(double[] shares, double uniform) {
    double cumulative = 0;
    for (int i = 0; i < shares.length - 1; i++) {
      cumulative += shares[i];
      if (uniform < cumulative) {
        return i;
      }
    }
    return shares.length - 1;
  }
}
