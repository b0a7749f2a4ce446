package hokm.loadgen;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The run as one HTML page with inline SVG charts: no scripts, no external files. */
final class Html {
  private Html() {}

  private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};

  record Series(String name, ToDoubleFunction<LoadGen.Point> value) {}

  static String page(String label, Map<String, Object> report, List<LoadGen.Point> points)
      throws Exception {
    StringBuilder h = new StringBuilder();
    h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
        .append(escape(label))
        .append("</title><style>body{font-family:sans-serif;margin:20px;max-width:1000px}")
        .append("pre{background:#f4f4f4;padding:8px;font-size:12px;overflow-x:auto}")
        .append("svg{background:#fff;border:1px solid #ddd;margin:6px 0}</style></head><body>");
    h.append("<h1>").append(escape(label)).append("</h1>");
    h.append(
        chart(
            "Moves per second (clients: accepted and echoed back; server: hokm_moves_accepted)",
            points,
            "moves/s",
            List.of(
                new Series("clients", LoadGen.Point::movesPerSecond),
                new Series("server", LoadGen.Point::serverMovesPerSecond))));
    h.append(
        chart(
            "Move latency per second, client side (ms; the scale is clipped at the rare outliers)",
            points,
            "ms",
            List.of(
                new Series("p50", LoadGen.Point::p50),
                new Series("p99", LoadGen.Point::p99),
                new Series("max", LoadGen.Point::max)),
            true));
    h.append(
        chart(
            "Server process CPU (% of the machine) and generator CPU",
            points,
            "%",
            List.of(
                new Series("server", p -> p.serverCpu() * 100),
                new Series("generator", p -> p.generatorCpu() * 100))));
    h.append(
        chart(
            "Server heap used (MiB)",
            points,
            "MiB",
            List.of(new Series("heap", LoadGen.Point::heapMiB))));
    h.append(
        chart(
            "Journal lag (s)", points, "s", List.of(new Series("lag", LoadGen.Point::journalLag))));
    h.append(
        chart(
            "Open sockets and tables playing",
            points,
            "",
            List.of(
                new Series("sockets", p -> p.sockets()),
                new Series("tables playing", p -> p.tablesPlaying()))));
    Map<String, Object> summary = new java.util.LinkedHashMap<>(report);
    summary.remove("timeline");
    h.append("<h2>Report</h2><pre>")
        .append(escape(Players.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary)))
        .append("</pre></body></html>\n");
    return h.toString();
  }

  private static String chart(
      String title, List<LoadGen.Point> points, String unit, List<Series> series) {
    return chart(title, points, unit, series, false);
  }

  /**
   * With {@code clip}, the scale ends near the 95th percentile of the values (outliers clipped).
   */
  private static String chart(
      String title, List<LoadGen.Point> points, String unit, List<Series> series, boolean clip) {
    int w = 960;
    int ht = 220;
    int left = 60;
    int right = 10;
    int top = 24;
    int bottom = 28;
    double tMax = points.isEmpty() ? 1 : points.get(points.size() - 1).t();
    double yMax = 0;
    for (Series s : series) {
      for (LoadGen.Point p : points) {
        double v = s.value().applyAsDouble(p);
        if (!Double.isNaN(v) && !Double.isInfinite(v)) {
          yMax = Math.max(yMax, v);
        }
      }
    }
    if (clip) {
      List<Double> all = new java.util.ArrayList<>();
      for (Series s : series) {
        for (LoadGen.Point p : points) {
          double v = s.value().applyAsDouble(p);
          if (!Double.isNaN(v) && !Double.isInfinite(v)) {
            all.add(v);
          }
        }
      }
      java.util.Collections.sort(all);
      if (!all.isEmpty()) {
        yMax = Math.min(yMax, 1.5 * all.get((int) Math.floor(0.95 * (all.size() - 1))));
      }
    }
    yMax = niceCeil(yMax);
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            "<svg width=\"%d\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">", w, ht));
    svg.append(
        String.format(
            "<text x=\"%d\" y=\"16\" font-size=\"13\" font-weight=\"bold\">%s</text>",
            left, escape(title)));
    int plotW = w - left - right;
    int plotH = ht - top - bottom;
    for (int i = 0; i <= 4; i++) {
      double y = top + plotH - plotH * i / 4.0;
      svg.append(
          String.format(
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>",
              left, y, w - right, y));
      svg.append(
          String.format(
              "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>",
              left - 4, y + 3, label(yMax * i / 4)));
    }
    for (int i = 0; i <= 5; i++) {
      double x = left + plotW * i / 5.0;
      svg.append(
          String.format(
              "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%.0f s</text>",
              x, ht - 8, tMax * i / 5));
    }
    svg.append(
        String.format("<text x=\"4\" y=\"%d\" font-size=\"10\">%s</text>", top + 10, escape(unit)));
    int legendX = left + 10;
    for (int si = 0; si < series.size(); si++) {
      Series s = series.get(si);
      String color = COLORS[si % COLORS.length];
      StringBuilder path = new StringBuilder();
      for (LoadGen.Point p : points) {
        double v = s.value().applyAsDouble(p);
        if (Double.isNaN(v) || Double.isInfinite(v)) {
          continue;
        }
        double x = left + (tMax <= 0 ? 0 : plotW * p.t() / tMax);
        double y = top + plotH - (yMax <= 0 ? 0 : plotH * Math.min(v, yMax) / yMax);
        path.append(path.length() == 0 ? "" : " ").append(String.format("%.1f,%.1f", x, y));
      }
      svg.append(
          String.format(
              "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>",
              color, path));
      svg.append(
          String.format(
              "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>",
              legendX, top + 12, color, escape(s.name())));
      legendX += 12 + 7 * s.name().length();
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static double niceCeil(double v) {
    if (v <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= v) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String label(double v) {
    if (v >= 1000) {
      return String.format("%.0f", v);
    }
    if (v >= 10) {
      return String.format("%.0f", v);
    }
    return String.format("%.2f", v);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
