package hokm.loadgen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of the server's /actuator/prometheus, and the few sums the report needs. */
final class Prom {
  private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");
  final long at = System.nanoTime();
  final Map<String, Double> series = new HashMap<>();

  static Prom scrape(HttpClient http, String baseUrl) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                  .timeout(Duration.ofSeconds(5))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return null;
      }
      Prom prom = new Prom();
      for (String line : response.body().split("\n")) {
        if (line.isEmpty() || line.charAt(0) == '#') {
          continue;
        }
        int space = line.lastIndexOf(' ');
        if (space <= 0) {
          continue;
        }
        try {
          prom.series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        } catch (NumberFormatException e) {
          // not a sample
        }
      }
      return prom;
    } catch (Exception e) {
      return null;
    }
  }

  /** Sum of every series of the metric whose labels contain all of {@code labels}. */
  double sum(String name, String... labels) {
    double total = 0;
    boolean found = false;
    for (Map.Entry<String, Double> e : series.entrySet()) {
      String key = e.getKey();
      if (!(key.equals(name) || key.startsWith(name + "{"))) {
        continue;
      }
      boolean all = true;
      for (String label : labels) {
        if (!key.contains(label)) {
          all = false;
          break;
        }
      }
      if (all) {
        total += e.getValue();
        found = true;
      }
    }
    return found ? total : Double.NaN;
  }

  double max(String name) {
    double max = Double.NaN;
    for (Map.Entry<String, Double> e : series.entrySet()) {
      String key = e.getKey();
      if (key.equals(name) || key.startsWith(name + "{")) {
        max = Double.isNaN(max) ? e.getValue() : Math.max(max, e.getValue());
      }
    }
    return max;
  }

  /** Cumulative bucket counts of a histogram, by upper bound (summed over label sets). */
  TreeMap<Double, Double> buckets(String name) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    String prefix = name + "_bucket{";
    for (Map.Entry<String, Double> e : series.entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        continue;
      }
      Matcher m = LE.matcher(e.getKey());
      if (m.find()) {
        String le = m.group(1);
        double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
        buckets.merge(bound, e.getValue(), Double::sum);
      }
    }
    return buckets;
  }

  /**
   * Quantiles (upper bucket bounds, so an upper estimate) of what a histogram recorded between two
   * scrapes.
   */
  static double[] quantiles(Prom from, Prom to, String name, double... qs) {
    TreeMap<Double, Double> end = to.buckets(name);
    TreeMap<Double, Double> start = from == null ? new TreeMap<>() : from.buckets(name);
    List<double[]> diff = new ArrayList<>();
    for (Map.Entry<Double, Double> e : end.entrySet()) {
      diff.add(new double[] {e.getKey(), e.getValue() - start.getOrDefault(e.getKey(), 0.0)});
    }
    double[] out = new double[qs.length];
    double total = diff.isEmpty() ? 0 : diff.get(diff.size() - 1)[1];
    for (int i = 0; i < qs.length; i++) {
      out[i] = Double.NaN;
      if (total <= 0) {
        continue;
      }
      for (double[] b : diff) {
        if (b[1] >= qs[i] * total) {
          out[i] = b[0];
          break;
        }
      }
    }
    return out;
  }
}
