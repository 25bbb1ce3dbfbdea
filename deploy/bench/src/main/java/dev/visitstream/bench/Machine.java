package dev.visitstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the numbers were measured on, and how busy it was: the load average from /proc. */
final class Machine {

  private Machine() {}

  static String describe() {
    String cpu = "unknown CPU";
    long memKb = 0;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // a description without them
    }
    return String.format(
        "%d cores (%s), %.1f GiB RAM, %s %s, Java %s (%s)",
        Runtime.getRuntime().availableProcessors(),
        cpu,
        memKb / 1024.0 / 1024.0,
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"));
  }

  /** The 1, 5 and 15 minute load averages. */
  static double[] loadAverages() {
    try {
      List<String> fields =
          List.of(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+"));
      return new double[] {
        Double.parseDouble(fields.get(0)),
        Double.parseDouble(fields.get(1)),
        Double.parseDouble(fields.get(2))
      };
    } catch (IOException | RuntimeException e) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
  }

  static String loadText() {
    double[] load = loadAverages();
    return String.format("%.2f / %.2f / %.2f", load[0], load[1], load[2]);
  }
}
