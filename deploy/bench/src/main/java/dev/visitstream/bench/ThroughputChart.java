package dev.visitstream.bench;

import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart of events/s per variant (median, min-max whisker), as SVG text; with
 * several data shapes, one block of bars per shape under the shape's name, on one scale.
 */
final class ThroughputChart {

  private static final int LABEL_WIDTH = 230;
  private static final int BAR_AREA = 470;
  private static final int ROW = 34;
  private static final int TOP = 44;

  private ThroughputChart() {}

  /** The bars of one data shape; a heading names the shape when there are several. */
  record Block(String heading, List<ResultsReport.Median> medians) {}

  static String svg(List<Block> blocks) {
    int rows = 0;
    double max = 1;
    for (Block block : blocks) {
      rows += block.medians().size() + (block.heading() != null ? 1 : 0);
      for (ResultsReport.Median m : block.medians()) {
        max = Math.max(max, m.maxEventsPerSecond());
      }
    }
    max = niceCeiling(max);
    int width = LABEL_WIDTH + BAR_AREA + 150;
    int height = TOP + ROW * rows + 40;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"13\">%n",
            width,
            height));
    svg.append(
        String.format(
            Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    svg.append(
        "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">"
            + "website-visit -&gt; website-out + website-dlq: events/s per variant (median, min-max)</text>\n");
    for (int tick = 0; tick <= 4; tick++) {
      double value = max * tick / 4;
      double x = LABEL_WIDTH + BAR_AREA * tick / 4.0;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
              x,
              TOP - 6,
              x,
              TOP + ROW * rows));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>%n",
              x,
              TOP + ROW * rows + 18,
              thousands(value)));
    }
    int row = 0;
    for (Block block : blocks) {
      if (block.heading() != null) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<text x=\"10\" y=\"%d\" font-weight=\"bold\">%s</text>%n",
                TOP + ROW * row++ + 22,
                escape(block.heading())));
      }
      double loop =
          block.medians().stream()
              .filter(m -> m.spec().equals("loop") && m.completeRuns() > 0)
              .mapToDouble(ResultsReport.Median::eventsPerSecond)
              .findFirst()
              .orElse(0);
      for (ResultsReport.Median m : block.medians()) {
        bar(svg, m, TOP + ROW * row++, max, loop);
      }
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static void bar(
      StringBuilder svg, ResultsReport.Median m, int y, double max, double loop) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
            LABEL_WIDTH - 8,
            y + 18,
            escape(m.spec())));
    if (m.completeRuns() == 0) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" fill=\"#b00\">%s</text>%n",
              LABEL_WIDTH + 4,
              y + 18,
              m.taskFailures() > 0
                  ? "invalid: the job failed over and re-wrote input"
                  : "did not finish"));
      return;
    }
    double w = BAR_AREA * m.eventsPerSecond() / max;
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"22\" fill=\"%s\"/>%n",
            LABEL_WIDTH,
            y + 4,
            w,
            color(m.kind())));
    double x1 = LABEL_WIDTH + BAR_AREA * m.minEventsPerSecond() / max;
    double x2 = LABEL_WIDTH + BAR_AREA * m.maxEventsPerSecond() / max;
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>%n",
            x1,
            y + 15,
            x2,
            y + 15));
    String label =
        thousands(m.eventsPerSecond())
            + (loop > 0
                ? String.format(Locale.ROOT, "  (%.2f x loop)", m.eventsPerSecond() / loop)
                : "");
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\">%s</text>%n",
            Math.max(w, x2 - LABEL_WIDTH) + LABEL_WIDTH + 6,
            y + 19,
            label));
  }

  private static String color(Variant.Kind kind) {
    switch (kind) {
      case LOOP:
        return "#7a7a7a";
      case FLINK_SQL:
        return "#e6862d";
      default:
        return "#2d6fb7";
    }
  }

  private static double niceCeiling(double value) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= value) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String thousands(double value) {
    return value >= 1000
        ? String.format(Locale.ROOT, "%.1fk", value / 1000)
        : String.format(Locale.ROOT, "%.0f", value);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
