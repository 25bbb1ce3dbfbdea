package dev.visitstream.generator.engine;

/** A fixed-count run was asked for while another run is still sending. */
public class GeneratorBusyException extends RuntimeException {

  public GeneratorBusyException(String message) {
    super(message);
  }
}
